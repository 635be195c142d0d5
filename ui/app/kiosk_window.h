#pragma once

// The SDL2 window, the GL context and the frame loop. Frames are drawn on
// demand: after input, when background work completes, while something
// animates, and once a second while a countdown shows; otherwise the loop
// sleeps in SDL_WaitEventTimeout and uses no CPU.

#include <atomic>
#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "drivers/speech/speech_output.h"
#include "kiosk/core/admin/admin_console.h"
#include "kiosk/core/admin/hidden_gesture.h"
#include "kiosk/core/input/keyboard_model.h"
#include "kiosk/core/session/session.h"
#include "kiosk/core/util/clock.h"
#include "kiosk/core/util/task_runner.h"
#include "ui/admin/admin_ui_state.h"
#include "ui/script/script.h"
#include "ui/ui_context.h"

struct SDL_Window;

namespace kiosk::ui {

struct WindowOptions {
  bool windowed = false;
  int width = 1920;
  int height = 1080;
  std::chrono::steady_clock::time_point process_start;
  std::vector<ScriptCommand> script;  // Empty: interactive.
};

struct WindowDependencies {
  Session* session = nullptr;
  TaskRunner* tasks = nullptr;
  SteadyClock* clock = nullptr;
  const KioskConfig* config = nullptr;
  const TextTable* texts = nullptr;  // The default language's.
  // Every language's texts by tag (the citizen may choose one); null: only `texts`.
  const std::map<std::string, TextTable>* languages = nullptr;
  const Catalog* catalog = nullptr;
  CatalogSearch* search = nullptr;  // The offered items, for the home screen.
  devices::ReceiptPrinter* receipt_printer = nullptr;
  // Applies "card ..." / "printer ..." script commands to the simulators;
  // empty when the devices are real.
  std::function<Result<void>(const std::vector<std::string>&)> sim_device;
  // The configuration version applied from headquarters (0: as installed),
  // for the script's wait-config.
  std::function<std::int64_t()> applied_config_version;
  // Voice guidance (语音播报): each screen's instruction is read aloud in
  // 长辈模式, a card left in the reader always; null: no voice.
  devices::SpeechOutput* speech = nullptr;
  // The network state for the status bar; unknown when not given.
  std::function<NetworkState()> network_state;
  // Called once per iteration of the loop, on the UI thread: systemd's
  // watchdog is fed from here, so a hung UI stops feeding it.
  std::function<void()> loop_alive;
  // The longest the loop may sleep (0: no limit), so an idle loop still
  // comes round in time for `loop_alive`.
  std::chrono::milliseconds max_sleep{0};
  // Called once, after the first interactive frame is on the screen.
  std::function<void()> first_frame;
  // Admin mode, opened by the hidden gesture on the home screen; null: none.
  admin::AdminConsole* admin = nullptr;
  // False while staff have the terminal out of service (暂停服务).
  std::function<bool()> in_service;
};

// CPU time of the whole process in ms (kiosk_window_measure.cc): with
// Mesa's llvmpipe a frame's rasterising runs on other threads.
double ProcessCpuMs();

class KioskWindow {
 public:
  static Result<std::unique_ptr<KioskWindow>> Create(WindowOptions options,
                                                     WindowDependencies deps);
  ~KioskWindow();

  // Runs until RequestStop, the script's end or (windowed only) the window
  // is closed; returns the exit code (non-zero when a script step failed).
  int Run();

  // Wakes the loop from any thread.
  static void Wake();
  // Ends Run after its current iteration, from any thread (SIGTERM): the
  // only way out of a kiosk in lockdown (not windowed), which ignores the
  // window manager's close requests.
  static void RequestStop();

  // On the UI thread, between frames, with the session at home: draws from
  // a new configuration (headquarters'). `rendered` is called after the
  // first home frame drawn with it.
  void Reconfigure(const KioskConfig* config, const TextTable* texts,
                   const std::map<std::string, TextTable>* languages, const Catalog* catalog,
                   CatalogSearch* search, std::function<void(Result<void>)> rendered);

 private:
  KioskWindow(WindowOptions options, WindowDependencies deps);
  Result<void> Init();
  void RenderFrame();
  bool ProcessEvents(int timeout_ms);  // False when asked to quit.
  int NextTimeoutMs() const;
  // Advances the script; false when it has finished or failed.
  bool StepScript();
  Result<void> WriteScreenshot(const std::string& path);
  // Script commands that act as the citizen's typing would.
  bool StepField(const ScriptCommand& command);
  bool StepSearch(const ScriptCommand& command);
  // Texts outside the data set that the next frame may show.
  std::vector<std::string> GlyphTexts(const SessionView& view) const;

  WindowOptions options_;
  WindowDependencies deps_;
  SDL_Window* window_ = nullptr;
  void* gl_context_ = nullptr;
  std::unique_ptr<FontLibrary> fonts_;
  // The on-screen keyboard's pinyin engine and state; wiped when it closes.
  std::unique_ptr<input::PinyinEngine> pinyin_;
  std::unique_ptr<input::KeyboardModel> keyboard_;
  bool keyboard_in_use_ = false;
  // Reads the screen's instruction when the screen, the language or 长辈模式
  // changed since the last one read; a card left behind is always read.
  void Speak(const SessionView& view);
  std::string spoken_key_;
  // Benchmarks a script asks for (measure-frames, measure-touch).
  struct Measurement {
    bool touch = false;
    int left = 0;                 // Frames to draw, or taps to make.
    std::string button;           // measure-touch: where to tap.
    bool awaiting_frame = false;  // A touch was sent; its frame not yet shown.
    bool touch_received = false;  // The loop has taken the touch from SDL's queue.
    std::chrono::steady_clock::time_point touched_at;
    std::vector<double> samples_ms;
  };
  std::optional<Measurement> measurement_;
  void StepMeasurement();
  void ReportMeasurement();
  bool card_reminder_spoken_ = false;
  ButtonRegistry buttons_;
  UiState ui_state_;
  admin::HiddenGesture gesture_;
  AdminUiState admin_ui_;
  // Follows the finger for the hidden gesture on the home screen.
  void FollowGesture(const SessionView& view);
  bool first_frame_logged_ = false;
  int frames_wanted_ = 2;
  // Frames drawn since the last input, completion or screen change: ImGui
  // needs two to settle layout and hover before a script may act on it.
  int frames_since_change_ = 0;
  void MarkChanged();
  bool Settled() const { return frames_since_change_ >= 2; }
  Screen last_screen_ = Screen::kHome;
  std::function<void(Result<void>)> after_home_frame_;  // Set by Reconfigure.

  // Script state.
  std::size_t script_index_ = 0;
  int script_exit_code_ = 0;
  bool script_done_ = false;
  std::optional<std::chrono::steady_clock::time_point> step_started_;
  std::optional<ImVec2> tap_at_;  // A tap in progress: down this frame, up the next.
  int tap_phase_ = 0;
  // A scripted finger sliding from `from` by `delta` over `duration`, then lifted.
  struct Drag {
    ImVec2 from;
    ImVec2 delta;
    std::chrono::steady_clock::time_point start;
    std::chrono::milliseconds duration{0};
    bool pressed = false;  // The first frame (the finger landing) was drawn.
    bool at_end = false;   // The finger reached the end: lifted next frame.
    int frames = 0;        // Drawn since it landed.
  };
  // A scripted finger is seen at least this many times on its way, however
  // slow the frames: a real finger's motion events come all along its path.
  static constexpr int kDragSamples = 6;
  std::optional<Drag> drag_;
  std::string screenshot_pending_;
  std::string field_failure_;  // Why the last `field` command failed.
};

}  // namespace kiosk::ui
