// What the UI remembers of a citizen is forgotten when they go: the
// preferences (长辈模式, contrast, language) when their session ends or
// the home screen is left alone, and the attract screen comes only over
// an idle home screen.

#include "ui/state/ui_state.h"

#include <catch2/catch.hpp>

namespace kiosk::ui {
namespace {

using namespace std::chrono_literals;

SessionView At(Screen screen) {
  SessionView view;
  view.screen = screen;
  return view;
}

}  // namespace

TEST_CASE("preferences last through a session and are forgotten when it ends") {
  UiState state;
  UiState::TimePoint now{};
  state.NoteInput(now);
  state.Follow(At(Screen::kHome), now, 60s);
  state.preferences.elder = true;
  state.preferences.high_contrast = true;
  state.preferences.voice = false;  // 长辈模式 without the voice.
  CHECK_FALSE(state.preferences.VoiceOn());
  state.Follow(At(Screen::kGuide), now + 1s, 60s);
  CHECK(state.preferences.elder);
  state.Follow(At(Screen::kResult), now + 2s, 60s);
  CHECK(state.preferences.high_contrast);
  CHECK(state.Follow(At(Screen::kHome), now + 3s, 60s));
  CHECK(state.preferences.IsDefault());
  CHECK_FALSE(state.preferences.VoiceOn());
}

TEST_CASE("voice guidance follows 长辈模式 unless the citizen set it") {
  CitizenPreferences preferences;
  CHECK_FALSE(preferences.VoiceOn());
  preferences.elder = true;
  CHECK(preferences.VoiceOn());
  preferences.elder = false;
  preferences.voice = true;  // Voice without the larger text.
  CHECK(preferences.VoiceOn());
  CHECK_FALSE(preferences.IsDefault());
}

TEST_CASE("preferences chosen and left on the idle home screen are forgotten") {
  UiState state;
  UiState::TimePoint now{};
  state.NoteInput(now);
  state.Follow(At(Screen::kHome), now, 60s);
  state.preferences.elder = true;
  REQUIRE(state.NextReset(60s) == now + 60s);
  CHECK_FALSE(state.Follow(At(Screen::kHome), now + 59s, 60s));
  CHECK(state.preferences.elder);
  CHECK(state.Follow(At(Screen::kHome), now + 60s, 60s));
  CHECK(state.preferences.IsDefault());
}

TEST_CASE("the attract screen shows over the idle home screen only") {
  UiState state;
  UiState::TimePoint now{};
  state.NoteInput(now);
  state.Follow(At(Screen::kHome), now, 60s, 90s);
  CHECK_FALSE(state.attract);
  CHECK(state.NextAttract(90s) == now + 90s);
  state.Follow(At(Screen::kHome), now + 90s, 60s, 90s);
  CHECK(state.attract);
  CHECK_FALSE(state.NextAttract(90s));
  // A session starting (a card inserted at the attract screen) ends it.
  state.Follow(At(Screen::kIdentify), now + 91s, 60s, 90s);
  CHECK_FALSE(state.attract);
  // Never during a session, and never when switched off.
  CHECK_FALSE(state.NextAttract(90s));
  UiState off;
  off.Follow(At(Screen::kHome), now, 60s, 0s);
  CHECK_FALSE(off.NextAttract(0s));
}

}  // namespace kiosk::ui
