#pragma once

// The hidden way into admin mode: a long press in three corners in turn —
// top left, top right, bottom right — each held for `hold`, the whole
// sequence within `within`. A citizen touching a corner by chance, or
// resting a hand on the screen, does not complete it; a wrong corner or a
// short press starts over. Fed the press and release of the one finger
// (or mouse) the UI follows; knows nothing of SDL.

#include <chrono>

namespace kiosk::admin {

struct GestureSettings {
  float corner = 140;  // px: the square in each corner that counts.
  std::chrono::milliseconds hold{1500};
  std::chrono::milliseconds within{15000};
};

class HiddenGesture {
 public:
  using TimePoint = std::chrono::steady_clock::time_point;

  explicit HiddenGesture(GestureSettings settings = {}) : settings_(settings) {}

  void SetScreen(float width, float height) {
    width_ = width;
    height_ = height;
  }
  void Press(float x, float y, TimePoint now);
  // True when this release completes the sequence (which then starts over).
  bool Release(float x, float y, TimePoint now);
  void Reset();
  int Progress() const { return done_; }  // Corners held so far.

 private:
  enum class Corner { kNone, kTopLeft, kTopRight, kBottomRight };
  Corner CornerAt(float x, float y) const;
  Corner Expected() const;

  GestureSettings settings_;
  float width_ = 1920;
  float height_ = 1080;
  Corner pressed_corner_ = Corner::kNone;
  TimePoint pressed_at_{};
  TimePoint first_at_{};
  int done_ = 0;
};

}  // namespace kiosk::admin
