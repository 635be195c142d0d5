#include "tests/scanner/keystroke_script.h"

#include <catch2/catch.hpp>
#include <cstring>

namespace kiosk::devices::testing {
namespace {

struct Stroke {
  std::uint16_t code;
  bool shift;
};

Stroke StrokeFor(char c) {
  static const std::uint16_t kLetterKeys[] = {
      KEY_A, KEY_B, KEY_C, KEY_D, KEY_E, KEY_F, KEY_G, KEY_H, KEY_I, KEY_J, KEY_K, KEY_L, KEY_M,
      KEY_N, KEY_O, KEY_P, KEY_Q, KEY_R, KEY_S, KEY_T, KEY_U, KEY_V, KEY_W, KEY_X, KEY_Y, KEY_Z};
  static const std::uint16_t kDigitKeys[] = {KEY_0, KEY_1, KEY_2, KEY_3, KEY_4,
                                             KEY_5, KEY_6, KEY_7, KEY_8, KEY_9};
  if (c >= 'a' && c <= 'z') return {kLetterKeys[c - 'a'], false};
  if (c >= 'A' && c <= 'Z') return {kLetterKeys[c - 'A'], true};
  if (c >= '0' && c <= '9') return {kDigitKeys[c - '0'], false};
  switch (c) {
    case ':': return {KEY_SEMICOLON, true};
    case ';': return {KEY_SEMICOLON, false};
    case '/': return {KEY_SLASH, false};
    case '?': return {KEY_SLASH, true};
    case '.': return {KEY_DOT, false};
    case '=': return {KEY_EQUAL, false};
    case '&': return {KEY_7, true};
    case '-': return {KEY_MINUS, false};
    case '_': return {KEY_MINUS, true};
    case ' ': return {KEY_SPACE, false};
    case '!': return {KEY_1, true};
    case '#': return {KEY_3, true};
    case '%': return {KEY_5, true};
    case ']': return {KEY_RIGHTBRACE, false};
    case '"': return {KEY_APOSTROPHE, true};
    case '~': return {KEY_GRAVE, true};
    case '|': return {KEY_BACKSLASH, true};
    default: break;
  }
  FAIL("no key for character " << c << " in the test's table");
  return {0, false};
}

}  // namespace

void KeystrokeScript::Emit(std::uint16_t type, std::uint16_t code, std::int32_t value) {
  input_event event{};
  event.input_event_sec = static_cast<decltype(event.input_event_sec)>(now_us_ / 1'000'000);
  event.input_event_usec = static_cast<decltype(event.input_event_usec)>(now_us_ % 1'000'000);
  event.type = type;
  event.code = code;
  event.value = value;
  events_.push_back(event);
}

KeystrokeScript& KeystrokeScript::Raw(std::uint16_t type, std::uint16_t code, std::int32_t value) {
  Emit(type, code, value);
  now_us_ += step_us_;
  return *this;
}

KeystrokeScript& KeystrokeScript::Press(std::uint16_t code) {
  Emit(EV_MSC, MSC_SCAN, 0x70000 + code);  // What a HID keyboard sends first.
  Emit(EV_KEY, code, 1);
  Emit(EV_SYN, SYN_REPORT, 0);
  now_us_ += step_us_;
  return *this;
}

KeystrokeScript& KeystrokeScript::Release(std::uint16_t code) {
  Emit(EV_KEY, code, 0);
  Emit(EV_SYN, SYN_REPORT, 0);
  now_us_ += step_us_;
  return *this;
}

KeystrokeScript& KeystrokeScript::Key(std::uint16_t code) { return Press(code).Release(code); }

KeystrokeScript& KeystrokeScript::Type(const std::string& text) {
  for (char c : text) {
    const Stroke stroke = StrokeFor(c);
    if (stroke.shift) Press(KEY_LEFTSHIFT);
    Key(stroke.code);
    if (stroke.shift) Release(KEY_LEFTSHIFT);
  }
  return *this;
}

KeystrokeScript& KeystrokeScript::Pause(std::chrono::milliseconds pause) {
  now_us_ += std::chrono::microseconds(pause).count();
  return *this;
}

std::string KeystrokeScript::Bytes() const {
  std::string bytes(events_.size() * sizeof(input_event), '\0');
  if (!events_.empty()) std::memcpy(bytes.data(), events_.data(), bytes.size());
  return bytes;
}

}  // namespace kiosk::devices::testing
