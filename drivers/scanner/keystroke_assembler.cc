#include "drivers/scanner/keystroke_assembler.h"

#include <fmt/format.h>
#include <linux/input.h>

#include <algorithm>

#include "drivers/scanner/scan_payload.h"
#include "drivers/scanner/us_keymap.h"

namespace kiosk::devices {

KeystrokeAssembler::KeystrokeAssembler(KeystrokeOptions options) : options_(std::move(options)) {}

bool KeystrokeAssembler::IsTerminator(std::uint16_t code) const {
  return std::find(options_.terminators.begin(), options_.terminators.end(), code) !=
         options_.terminators.end();
}

std::optional<AssembledScan> KeystrokeAssembler::OnEvent(const KeyInput& input) {
  if (input.type == EV_SYN && input.code == SYN_DROPPED) {
    // The kernel's buffer overflowed: keys are missing, and the modifier
    // state may be wrong. The scan in progress cannot be trusted.
    NoteProblem("the kernel dropped input events (SYN_DROPPED) during the scan");
    left_shift_ = right_shift_ = control_ = alt_ = false;
    return std::nullopt;
  }
  if (input.type != EV_KEY) return std::nullopt;

  std::optional<AssembledScan> finished;
  if (Pending() && last_key_time_ && input.time > *last_key_time_ &&
      input.time - *last_key_time_ > options_.inter_key_timeout) {
    finished = Flush();
  }
  last_key_time_ = input.time;

  const bool pressed = input.value == 1;
  switch (input.code) {
    case KEY_LEFTSHIFT: left_shift_ = input.value != 0; return finished;
    case KEY_RIGHTSHIFT: right_shift_ = input.value != 0; return finished;
    case KEY_LEFTCTRL:
    case KEY_RIGHTCTRL: control_ = input.value != 0; return finished;
    case KEY_LEFTALT:
    case KEY_RIGHTALT: alt_ = input.value != 0; return finished;
    case KEY_CAPSLOCK:
      if (pressed) caps_lock_ = !caps_lock_;
      return finished;
    case KEY_NUMLOCK: return finished;
    default: break;
  }
  // Auto-repeat is a held key, which a scanner never does; releases carry
  // no character.
  if (!pressed) return finished;
  if (IsTerminator(input.code)) {
    // An Enter with nothing before it (a stray key) is not a scan.
    if (Pending() && !finished) return Flush();
    return finished;
  }
  OnKeyPress(input.code);
  return finished;
}

void KeystrokeAssembler::OnKeyPress(std::uint16_t code) {
  if (alt_) {
    NoteProblem(
        fmt::format("key {} typed with Alt held (Alt+keypad character codes are not "
                    "supported: set the scanner to plain US-layout keys)",
                    code));
    return;
  }
  const bool shift = left_shift_ || right_shift_;
  const char plain = UsLayoutCharacter(code, false);
  if (plain == '\0') {
    // Tab and Enter type characters too when they are not terminators;
    // the classifier refuses those control characters with its own reason.
    if (code == KEY_TAB) return Append('\t');
    if (code == KEY_ENTER || code == KEY_KPENTER) return Append('\r');
    NoteProblem(fmt::format("key code {} types no character on the US layout", code));
    return;
  }
  const bool letter = plain >= 'a' && plain <= 'z';
  if (control_) {
    // Ctrl+letter and Ctrl+[ \ ] are the ASCII controls (GS1 codes send
    // their group separator as Ctrl+]); the classifier refuses them.
    if (letter || plain == '[' || plain == '\\' || plain == ']') {
      return Append(static_cast<char>(UsLayoutCharacter(code, true) & 0x1F));
    }
    NoteProblem(fmt::format("key code {} typed with Ctrl held", code));
    return;
  }
  // Caps Lock inverts the case of letters only.
  Append(UsLayoutCharacter(code, letter ? (shift != caps_lock_) : shift));
}

void KeystrokeAssembler::Append(char c) {
  if (text_.size() >= kMaxBytes) {
    if (!problem_) {
      problem_ =
          Error(ErrorCode::kInvalidData, fmt::format("the scan is longer than {} bytes", kMaxBytes),
                scan_reason::kTooLong);
    }
    return;
  }
  text_.push_back(c);
}

void KeystrokeAssembler::NoteProblem(std::string detail) {
  if (!problem_) {
    problem_ = Error(ErrorCode::kInvalidData, std::move(detail), scan_reason::kIncompleteScan);
  }
}

std::optional<AssembledScan> KeystrokeAssembler::Flush() {
  if (!Pending()) return std::nullopt;
  AssembledScan scan{std::move(text_), std::move(problem_)};
  text_.clear();
  problem_.reset();
  return scan;
}

}  // namespace kiosk::devices
