#include "kiosk/core/admin/hidden_gesture.h"

namespace kiosk::admin {

HiddenGesture::Corner HiddenGesture::CornerAt(float x, float y) const {
  const float c = settings_.corner;
  const bool left = x < c;
  const bool right = x >= width_ - c;
  const bool top = y < c;
  const bool bottom = y >= height_ - c;
  if (top && left) return Corner::kTopLeft;
  if (top && right) return Corner::kTopRight;
  if (bottom && right) return Corner::kBottomRight;
  return Corner::kNone;
}

HiddenGesture::Corner HiddenGesture::Expected() const {
  switch (done_) {
    case 0: return Corner::kTopLeft;
    case 1: return Corner::kTopRight;
    default: return Corner::kBottomRight;
  }
}

void HiddenGesture::Press(float x, float y, TimePoint now) {
  if (done_ > 0 && now - first_at_ > settings_.within) done_ = 0;
  pressed_corner_ = CornerAt(x, y);
  pressed_at_ = now;
  // A press anywhere but the next corner (the first corner again excepted:
  // a fresh start) abandons the sequence.
  if (pressed_corner_ != Expected()) {
    done_ = 0;
    if (pressed_corner_ != Corner::kTopLeft) pressed_corner_ = Corner::kNone;
  }
}

bool HiddenGesture::Release(float x, float y, TimePoint now) {
  const Corner corner = pressed_corner_;
  pressed_corner_ = Corner::kNone;
  if (corner == Corner::kNone) return false;
  // The finger must stay in the corner and stay down long enough.
  if (CornerAt(x, y) != corner || now - pressed_at_ < settings_.hold) {
    done_ = 0;
    return false;
  }
  if (corner != Expected()) {
    done_ = 0;
    if (corner != Corner::kTopLeft) return false;
  }
  if (done_ == 0) first_at_ = pressed_at_;
  if (now - first_at_ > settings_.within) {
    done_ = 0;
    return false;
  }
  ++done_;
  if (done_ < 3) return false;
  done_ = 0;
  return true;
}

void HiddenGesture::Reset() {
  done_ = 0;
  pressed_corner_ = Corner::kNone;
}

}  // namespace kiosk::admin
