#pragma once

// Turns the key events of a keyboard-wedge scanner into scans. The scanner
// "types" each code as US-layout key presses (shift pressed around capital
// letters and symbols) and, as usually configured, ends it with Enter. A
// scan also ends when no key comes for the inter-key timeout: scanners type
// a code in one burst, a millisecond or so between keys, so a pause means
// the code is complete even without a terminator.
//
// Pure logic over recorded events, so tests can feed it struct input_event
// sequences; EvdevBarcodeScanner reads the events from the kernel.

#include <linux/input-event-codes.h>

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/error.h"
#include "drivers/scanner/assembled_scan.h"

namespace kiosk::devices {

// One struct input_event.
struct KeyInput {
  std::uint16_t type = 0;
  std::uint16_t code = 0;
  std::int32_t value = 0;  // EV_KEY: 1 press, 0 release, 2 auto-repeat.
  std::chrono::microseconds time{0};
};

struct KeystrokeOptions {
  // Keys that end a scan; empty to end scans by the timeout only.
  std::vector<std::uint16_t> terminators = {KEY_ENTER, KEY_KPENTER};
  std::chrono::milliseconds inter_key_timeout{50};
};

class KeystrokeAssembler {
 public:
  // A scan longer than this is refused without keeping the rest.
  static constexpr std::size_t kMaxBytes = 64 * 1024;

  explicit KeystrokeAssembler(KeystrokeOptions options = {});

  // The scan this event finishes, if any: a terminator key, or a key that
  // comes later than the timeout after the previous one (which then ends the
  // previous scan and starts the next).
  std::optional<AssembledScan> OnEvent(const KeyInput& input);
  // Ends the scan in progress: call when no event came for the timeout, or
  // at the end of input. nullopt when nothing is in progress.
  std::optional<AssembledScan> Flush();
  // Whether a scan is in progress (so the reader knows to wait for the
  // timeout).
  bool Pending() const { return !text_.empty() || problem_.has_value(); }
  const KeystrokeOptions& Options() const { return options_; }

 private:
  void OnKeyPress(std::uint16_t code);
  void Append(char c);
  void NoteProblem(std::string detail);
  bool IsTerminator(std::uint16_t code) const;

  KeystrokeOptions options_;
  std::string text_;
  std::optional<Error> problem_;
  bool left_shift_ = false;
  bool right_shift_ = false;
  bool control_ = false;
  bool alt_ = false;
  bool caps_lock_ = false;
  std::optional<std::chrono::microseconds> last_key_time_;
};

}  // namespace kiosk::devices
