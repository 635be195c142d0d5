#pragma once

// Recorded keyboard-wedge input: the struct input_event sequence a USB HID
// scanner produces when it "types" a text on a US layout, as the kernel
// delivers it (key press, SYN_REPORT, key release, SYN_REPORT; shift
// around capitals and symbols). The key table here is written out
// independently of drivers/scanner/us_keymap.cc, so the two check each
// other.

#include <linux/input.h>

#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

namespace kiosk::devices::testing {

class KeystrokeScript {
 public:
  // Microseconds between events: scanners type a key every millisecond or so.
  explicit KeystrokeScript(std::int64_t start_us = 1'000'000, std::int64_t step_us = 500)
      : now_us_(start_us), step_us_(step_us) {}

  KeystrokeScript& Type(const std::string& text);
  KeystrokeScript& Key(std::uint16_t code);  // Press and release.
  KeystrokeScript& Press(std::uint16_t code);
  KeystrokeScript& Release(std::uint16_t code);
  KeystrokeScript& Raw(std::uint16_t type, std::uint16_t code, std::int32_t value);
  KeystrokeScript& Pause(std::chrono::milliseconds pause);

  const std::vector<input_event>& Events() const { return events_; }
  std::string Bytes() const;

 private:
  void Emit(std::uint16_t type, std::uint16_t code, std::int32_t value);

  std::vector<input_event> events_;
  std::int64_t now_us_;
  std::int64_t step_us_;
};

}  // namespace kiosk::devices::testing
