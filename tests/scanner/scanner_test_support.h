#pragma once

// Helpers of the scanner tests: a temporary directory, running the image
// tools (qrencode, ImageMagick's convert) the tests make their pictures
// with, and a scan collector for handlers called on a backend's thread.

#include <chrono>
#include <condition_variable>
#include <filesystem>
#include <mutex>
#include <string>
#include <vector>

#include "drivers/scanner/barcode_scanner.h"
#include "tests/support/temp_dir.h"

namespace kiosk::devices::testing {

using kiosk::testing::TempDir;

// Quotes `text` for /bin/sh.
std::string ShellQuote(const std::string& text);

// Runs a shell command; its exit status (-1 if it could not run). Output
// goes to `output` when given.
int RunCommand(const std::string& command, std::string* output = nullptr);

// qrencode -o <file> -s <module pixels> <text>; REQUIREs success.
void WriteQrPng(const std::filesystem::path& file, const std::string& text, int module_pixels = 6);

// Collects the scans and state changes a scanner reports, from any thread.
class ScanCollector {
 public:
  void Attach(BarcodeScanner& scanner);
  // Waits until `count` scans arrived or the timeout passed; the scans so far.
  std::vector<ScanEvent> WaitForScans(std::size_t count, std::chrono::milliseconds timeout);
  bool WaitForState(ScannerState state, std::chrono::milliseconds timeout);
  std::size_t ScanCount();

 private:
  std::mutex mutex_;
  std::condition_variable changed_;
  std::vector<ScanEvent> scans_;
  std::vector<ScannerState> states_;
};

}  // namespace kiosk::devices::testing
