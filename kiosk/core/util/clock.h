#pragma once

// Time as the session sees it. Tests drive a ManualClock; the kiosk uses
// the steady clock (immune to the wall clock being set by NTP), with an
// offset a replay script may advance to exercise timeouts without waiting.

#include <atomic>
#include <chrono>

namespace kiosk {

class Clock {
 public:
  using TimePoint = std::chrono::steady_clock::time_point;
  virtual ~Clock() = default;
  virtual TimePoint Now() const = 0;
};

class SteadyClock final : public Clock {
 public:
  TimePoint Now() const override { return std::chrono::steady_clock::now() + offset_.load(); }
  void Advance(std::chrono::milliseconds by) { offset_ = offset_.load() + by; }

 private:
  std::atomic<std::chrono::milliseconds> offset_{std::chrono::milliseconds(0)};
};

class ManualClock final : public Clock {
 public:
  TimePoint Now() const override { return now_; }
  void Advance(std::chrono::milliseconds by) { now_ += by; }

 private:
  TimePoint now_{std::chrono::steady_clock::time_point{} + std::chrono::hours(1)};
};

}  // namespace kiosk
