#pragma once

// The little the UI remembers between frames: the home screen's search and
// open list, the form's typing buffers, which text field has the focus.
// None of it may outlive the citizen it belongs to; Follow() enforces that
// from the session's view each frame.

#include <chrono>
#include <optional>
#include <string>

#include "kiosk/core/session/session_view.h"
#include "kiosk/core/util/clock.h"
#include "ui/state/form_buffers.h"
#include "ui/state/home_navigation.h"
#include "ui/state/text_entry.h"

namespace kiosk::ui {

// How the citizen chose to see the terminal: 长辈模式 (larger text and
// buttons, fewer to a row, voice guidance on), high contrast, the
// language. Chosen on the home screen, kept through the session, forgotten
// when it ends or the home screen is left alone.
struct CitizenPreferences {
  bool elder = false;
  bool high_contrast = false;
  std::string language;  // Empty: the configuration's default.
  // Voice guidance (语音播报) as the citizen set it; unset: on in 长辈模式 only.
  std::optional<bool> voice;

  bool VoiceOn() const { return voice.value_or(elder); }
  bool IsDefault() const {
    return !elder && !high_contrast && language.empty() && !voice.has_value();
  }
};

class UiState {
 public:
  // The session's clock, so a replay script's advance-clock reaches it.
  using TimePoint = kiosk::Clock::TimePoint;

  HomeNavigation home;
  CitizenPreferences preferences;
  // The attract screen shows over the idle home screen until a touch.
  bool attract = false;
  FormBuffers form;
  TextEntryFocus entry;
  // How much of the screen's bottom the open keyboard covers (0: closed),
  // so the screens above it shrink rather than hide behind it.
  float keyboard_height = 0;
  std::string
      keyboard_refusal;  // Text key of the keyboard's last refusal, shown until the next key.
  // Set when 下一步 is tapped; the next form frame scrolls to the first
  // refused field (it may be below the visible part of the list).
  bool reveal_form_error = false;
  // Set when a form appears: its list starts at the top, not where the
  // last form's was scrolled to.
  bool form_from_top = false;

  // Any touch, click or key.
  void NoteInput(TimePoint now) { last_input_ = now; }
  // Resets what belongs to a citizen who has gone: the home search and
  // list when a session starts or the home screen sat idle for
  // `home_idle`, the preferences when a session ends or with the idle
  // home, the form buffers when the form leaves the screen, and ImGui's
  // own copy of the text being edited. The idle home screen gives way to
  // the attract screen after `attract_after` without a touch (0: never).
  // True when something changed.
  bool Follow(const SessionView& view, TimePoint now, std::chrono::seconds home_idle,
              std::chrono::seconds attract_after = std::chrono::seconds(0));
  // When the idle home screen will next be reset, if it has anything to reset.
  std::optional<TimePoint> NextReset(std::chrono::seconds home_idle) const;
  // When the attract screen will show, if it is not showing.
  std::optional<TimePoint> NextAttract(std::chrono::seconds attract_after) const;

 private:
  Screen last_screen_ = Screen::kHome;
  TimePoint last_input_{};
};

// Overwrites the text ImGui keeps for the field being edited (and its
// undo history) and drops the focus: ImGui copies the user's buffer while a
// field is active, so wiping our buffers alone would not be enough.
void WipeImGuiTextState();

}  // namespace kiosk::ui
