#pragma once

// A camera used as a scanner: every frame is decoded with ZXing-C++, the
// first successful decode of a code is reported once, then held off until
// the code leaves the view (ScanHoldOff). Each frame gets one cheap decode
// pass, the next pass of CameraPassCycle in turn (barcode_decoder.h), so
// a code that one binarizer cannot read is read by another a frame or two
// later while no frame costs the full ZXing defaults.

#include <atomic>
#include <memory>
#include <mutex>
#include <thread>

#include "drivers/scanner/barcode_decoder.h"
#include "drivers/scanner/barcode_scanner.h"
#include "drivers/scanner/frame_source.h"
#include "drivers/scanner/scan_hold_off.h"
#include "drivers/scanner/scanner_events.h"

namespace kiosk::devices {

struct CameraScannerOptions {
  std::vector<Symbology> formats = AllDecodedSymbologies();
  std::chrono::milliseconds release_after{1000};
  // No frame for this long: the camera is inoperative.
  std::chrono::milliseconds frame_timeout{3000};
};

class CameraBarcodeScanner final : public BarcodeScanner {
 public:
  CameraBarcodeScanner(std::unique_ptr<FrameSource> source, CameraScannerOptions options = {});
  ~CameraBarcodeScanner() override;

  ScannerState State() const override { return events_.State(); }
  std::string Name() const override { return "camera " + source_->Name(); }
  void SetScanHandler(ScanHandler handler) override { events_.SetScanHandler(std::move(handler)); }
  void SetStateHandler(StateHandler handler) override {
    events_.SetStateHandler(std::move(handler));
  }
  Result<void> StartScanning() override;
  void StopScanning() override;

  // Frames looked at since the scanner was made (for tests and the
  // maintenance screen).
  long FramesDecoded() const { return frames_decoded_.load(); }

 private:
  void Run();

  const std::unique_ptr<FrameSource> source_;
  const CameraScannerOptions options_;
  ScannerEvents events_;
  std::mutex control_mutex_;
  std::thread thread_;
  std::atomic<bool> stop_{false};
  std::atomic<long> frames_decoded_{0};
  ScanHoldOff hold_off_;  // Reader thread only.
};

}  // namespace kiosk::devices
