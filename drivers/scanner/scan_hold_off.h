#pragma once

// A code held in front of the camera is in every frame for seconds; it must
// be reported once. After a report, the same code is ignored until it has
// been out of view for `release_after` — measured in time, not frames, so
// a few frames where the code was blurred or the fast decode missed it do
// not count as leaving. A different code is reported at once (the phone
// app's code changed, or another citizen's).

#include <chrono>
#include <optional>
#include <string>

namespace kiosk::devices {

class ScanHoldOff {
 public:
  using Clock = std::chrono::steady_clock;

  explicit ScanHoldOff(std::chrono::milliseconds release_after = std::chrono::milliseconds(1000))
      : release_after_(release_after) {}
  ~ScanHoldOff();
  ScanHoldOff(const ScanHoldOff&) = delete;
  ScanHoldOff& operator=(const ScanHoldOff&) = delete;

  // One decoded frame: the code's bytes, or nullopt when it held none.
  // True when this code is to be reported now.
  bool Observe(const std::optional<std::string>& code, Clock::time_point now);
  // Forgets the held code (scanning stopped).
  void Reset();

 private:
  const std::chrono::milliseconds release_after_;
  std::optional<std::string> held_;  // Wiped on release: it may be a token.
  Clock::time_point last_seen_{};
};

}  // namespace kiosk::devices
