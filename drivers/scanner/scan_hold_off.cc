#include "drivers/scanner/scan_hold_off.h"

#include "common/secure_wipe.h"

namespace kiosk::devices {

ScanHoldOff::~ScanHoldOff() { Reset(); }

bool ScanHoldOff::Observe(const std::optional<std::string>& code, Clock::time_point now) {
  if (held_ && now - last_seen_ >= release_after_) Reset();
  if (!code) return false;
  if (held_ && *held_ == *code) {
    last_seen_ = now;
    return false;
  }
  Reset();
  held_ = *code;
  last_seen_ = now;
  return true;
}

void ScanHoldOff::Reset() {
  if (held_) SecureWipe(*held_);
  held_.reset();
}

}  // namespace kiosk::devices
