#pragma once

// The little the UI remembers between frames: the home screen's search and
// open list, the form's typing buffers, which text field has the focus.
// None of it may outlive the citizen it belongs to; Follow() enforces that
// from the session's view each frame.

#include <chrono>
#include <optional>

#include "kiosk/core/session/session_view.h"
#include "kiosk/core/util/clock.h"
#include "ui/state/form_buffers.h"
#include "ui/state/home_navigation.h"
#include "ui/state/text_entry.h"

namespace kiosk::ui {

class UiState {
 public:
  // The session's clock, so a replay script's advance-clock reaches it.
  using TimePoint = kiosk::Clock::TimePoint;

  HomeNavigation home;
  FormBuffers form;
  TextEntryFocus entry;
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
  // `home_idle`, the form buffers when the form leaves the screen, and
  // ImGui's own copy of the text being edited. True when something changed.
  bool Follow(const SessionView& view, TimePoint now, std::chrono::seconds home_idle);
  // When the idle home screen will next be reset, if it has anything to reset.
  std::optional<TimePoint> NextReset(std::chrono::seconds home_idle) const;

 private:
  Screen last_screen_ = Screen::kHome;
  TimePoint last_input_{};
};

// Overwrites the text ImGui keeps for the field being edited (and its
// undo history) and drops the focus: ImGui copies the user's buffer while a
// field is active, so wiping our buffers alone would not be enough.
void WipeImGuiTextState();

}  // namespace kiosk::ui
