#include "ui/app/kiosk_window.h"

#include <SDL.h>
#include <SDL_opengl.h>
#include <backends/imgui_impl_opengl3.h>
#include <backends/imgui_impl_sdl.h>
#include <stb_image_write.h>

#include <algorithm>
#include <atomic>
#include <ctime>
#include <filesystem>
#include <set>
#include <thread>

#include "common/log.h"
#include "common/secure_wipe.h"
#include "kiosk/core/input/libpinyin_engine.h"
#include "ui/screens/screens.h"
#include "ui/theme.h"
#include "ui/widgets.h"

namespace kiosk::ui {
namespace {

constexpr const char* kLog = "ui";
Uint32 g_wake_event = 0;
std::atomic<bool> g_stop_requested{false};

std::string LocalClockText() {
  // China Standard Time, as on the receipts.
  std::time_t now = std::time(nullptr) + 8 * 3600;
  std::tm parts{};
  gmtime_r(&now, &parts);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%d %H:%M", &parts);
  return text;
}

// Every string the UI can show from its data, so the initial atlas has
// exactly their glyphs.
std::vector<std::string> CollectTexts(const TextTable& texts, const Catalog& catalog,
                                      const KioskConfig& config) {
  std::vector<std::string> all;
  for (const auto& [key, text] : texts.All()) all.push_back(text);
  for (const auto& category : catalog.Categories()) all.push_back(category.name_zh);
  for (const auto& item : catalog.Items()) {
    all.insert(all.end(), {item.name_zh, item.name_en, item.department, item.guide.legal_basis,
                           item.guide.time_limit, item.guide.fee, item.guide.online_depth});
    all.insert(all.end(), item.guide.conditions.begin(), item.guide.conditions.end());
    for (const auto& material : item.guide.materials) all.push_back(material.name);
    for (const auto& field : item.fields) {
      all.insert(all.end(), {field.label.zh, field.hint.zh});
      for (const auto& option : field.rule.options) all.push_back(option.name_zh);
    }
    for (const auto& step : item.flow) {
      for (const auto& requirement : step.requirements) all.push_back(requirement.refusal.zh);
      if (!step.display) continue;
      all.push_back(step.display->title.zh);
      for (const auto& column : step.display->fields) all.push_back(column.label.zh);
      for (const auto& table : step.display->tables) {
        all.push_back(table.title.zh);
        for (const auto& column : table.columns) all.push_back(column.label.zh);
      }
    }
  }
  for (const auto& region : catalog.Regions()) all.push_back(region.name_zh);
  for (const auto& [code, region] : config.regions) all.push_back(region.name);
  // Statuses and insurance names the central services send.
  all.push_back("参保缴费暂停缴费终止参保企业职工基本养老保险城乡居民基本医疗保险失业工伤生育");
  return all;
}

}  // namespace

void KioskWindow::Wake() {
  if (g_wake_event == 0) return;
  SDL_Event event{};
  event.type = g_wake_event;
  SDL_PushEvent(&event);
}

void KioskWindow::RequestStop() {
  g_stop_requested = true;
  Wake();
}

KioskWindow::KioskWindow(WindowOptions options, WindowDependencies deps)
    : options_(std::move(options)), deps_(std::move(deps)) {}

Result<std::unique_ptr<KioskWindow>> KioskWindow::Create(WindowOptions options,
                                                         WindowDependencies deps) {
  std::unique_ptr<KioskWindow> window(new KioskWindow(std::move(options), std::move(deps)));
  if (auto ok = window->Init(); !ok) return std::unexpected(ok.error());
  return window;
}

Result<void> KioskWindow::Init() {
  // Bake the fonts while the display connection comes up? SDL_Init and the
  // GL context dominate; the atlas is built first because it needs no GL.
  fonts_ = std::make_unique<FontLibrary>(
      DefaultCjkFontFile(), kNotoSansCjkScFaceIndex, FontSizes{},
      CollectTexts(*deps_.texts, *deps_.catalog, *deps_.config),
      LoadCommonCharacters(
          (std::filesystem::path(deps_.config->config_dir) / "ui" / "common_hanzi.txt").string()));
  if (!fonts_->BuildInitialAtlas()) {
    return Fail(ErrorCode::kIo, "no usable Chinese font; install Debian's fonts-noto-cjk");
  }
  SDL_SetHint(SDL_HINT_VIDEO_X11_NET_WM_BYPASS_COMPOSITOR, "0");
  // SIGTERM and SIGINT are the program's (RequestStop), not SDL_QUIT events.
  SDL_SetHint(SDL_HINT_NO_SIGNAL_HANDLERS, "1");
  if (!options_.windowed) {
    // Lockdown (docs/OPERATIONS.md): the keyboard goes to the kiosk alone,
    // so Alt+Tab and the like reach no other program, and losing focus
    // never shrinks the full-screen window to show what is behind it.
    SDL_SetHint(SDL_HINT_GRAB_KEYBOARD, "1");
    SDL_SetHint(SDL_HINT_ALLOW_ALT_TAB_WHILE_GRABBED, "0");
    SDL_SetHint(SDL_HINT_VIDEO_MINIMIZE_ON_FOCUS_LOSS, "0");
  }
  if (SDL_Init(SDL_INIT_VIDEO | SDL_INIT_EVENTS) != 0) {
    return Fail(
        ErrorCode::kDeviceNotReady,
        std::string("cannot open the display: ") + SDL_GetError() +
            " (no display? run under Xvfb: xvfb-run -a -s '-screen 0 1920x1080x24' kiosk ...)");
  }
  g_wake_event = SDL_RegisterEvents(1);
  SDL_GL_SetAttribute(SDL_GL_CONTEXT_MAJOR_VERSION, 3);
  SDL_GL_SetAttribute(SDL_GL_CONTEXT_MINOR_VERSION, 0);
  SDL_GL_SetAttribute(SDL_GL_DOUBLEBUFFER, 1);
  Uint32 flags = SDL_WINDOW_OPENGL | SDL_WINDOW_SHOWN;
  if (!options_.windowed) flags |= SDL_WINDOW_FULLSCREEN_DESKTOP;
  window_ = SDL_CreateWindow("kiosk", SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED,
                             options_.width, options_.height, flags);
  if (window_ == nullptr) {
    return Fail(ErrorCode::kDeviceNotReady,
                std::string("cannot create the window: ") + SDL_GetError());
  }
  gl_context_ = SDL_GL_CreateContext(window_);
  if (gl_context_ == nullptr) {
    return Fail(ErrorCode::kDeviceNotReady,
                std::string("no OpenGL 3.0 context: ") + SDL_GetError());
  }
  SDL_GL_MakeCurrent(window_, gl_context_);
  SDL_GL_SetSwapInterval(1);
  if (!options_.windowed) {
    SDL_ShowCursor(SDL_DISABLE);  // A touch screen has no pointer.
    SDL_SetWindowKeyboardGrab(window_, SDL_TRUE);
  }

  IMGUI_CHECKVERSION();
  ImGui::CreateContext(fonts_->Atlas());
  fonts_->ApplyToContext();
  ImGuiIO& io = ImGui::GetIO();
  io.IniFilename = nullptr;  // Nothing of a session may be written to disk.
  io.LogFilename = nullptr;
  // Frames are drawn on demand, so a blinking cursor would freeze at random
  // in its off phase; a steady one is always visible.
  io.ConfigInputTextCursorBlink = false;
  theme::Apply();
  ImGui_ImplSDL2_InitForOpenGL(window_, gl_context_);
  ImGui_ImplOpenGL3_Init("#version 130");
  deps_.tasks->SetWake([] { Wake(); });
  fonts_->StartFullAtlas();
  if (auto engine = input::LibPinyinEngine::Create(); engine) {
    pinyin_ = std::move(*engine);
    // Six candidates to a page: with the page keys they fit one row.
    keyboard_ = std::make_unique<input::KeyboardModel>(*pinyin_, 6);
  } else {
    log::Error(kLog, "no pinyin input (on-screen keyboard off; a USB keyboard still types): {}",
               engine.error().Describe());
  }
  return {};
}

KioskWindow::~KioskWindow() {
  if (deps_.tasks) deps_.tasks->SetWake({});
  if (ImGui::GetCurrentContext() != nullptr) {
    ImGui_ImplOpenGL3_Shutdown();
    ImGui_ImplSDL2_Shutdown();
    ImGui::DestroyContext();
  }
  fonts_.reset();
  if (gl_context_) SDL_GL_DeleteContext(gl_context_);
  if (window_) SDL_DestroyWindow(window_);
  SDL_Quit();
}

int KioskWindow::NextTimeoutMs() const {
  if (frames_wanted_ > 0) return 0;
  if (!options_.script.empty() && !script_done_) return 5;  // Scripts poll their waits.
  const SessionView view = deps_.session->View();
  if (ScreenAnimates(view.screen)) return 33;
  int timeout = 60000 - static_cast<int>(std::time(nullptr) % 60) * 1000;  // The clock's minute.
  if (view.seconds_left) timeout = std::min(timeout, 250);
  if (auto deadline = deps_.session->NextDeadline()) {
    auto until =
        std::chrono::duration_cast<std::chrono::milliseconds>(*deadline - deps_.clock->Now());
    timeout = std::min<int>(timeout, static_cast<int>(std::max<long long>(until.count() + 1, 0)));
  }
  if (auto attract = ui_state_.NextAttract(deps_.config->timeouts.attract_after)) {
    auto until =
        std::chrono::duration_cast<std::chrono::milliseconds>(*attract - deps_.clock->Now());
    timeout = std::min<int>(timeout, static_cast<int>(std::max<long long>(until.count() + 1, 0)));
  }
  if (auto reset = ui_state_.NextReset(deps_.config->timeouts.inactivity)) {
    auto until = std::chrono::duration_cast<std::chrono::milliseconds>(*reset - deps_.clock->Now());
    timeout = std::min<int>(timeout, static_cast<int>(std::max<long long>(until.count() + 1, 0)));
  }
  if (deps_.admin != nullptr && deps_.admin->IsOpen()) {
    if (deps_.admin->Busy() || deps_.admin->SecondsLeft()) timeout = std::min(timeout, 250);
    if (auto deadline = deps_.admin->NextDeadline()) {
      auto until =
          std::chrono::duration_cast<std::chrono::milliseconds>(*deadline - deps_.clock->Now());
      timeout = std::min<int>(timeout, static_cast<int>(std::max<long long>(until.count() + 1, 0)));
    }
  }
  if (!fonts_->HasFullAtlas()) timeout = std::min(timeout, 50);
  if (deps_.max_sleep.count() > 0) {
    timeout = std::min(timeout, static_cast<int>(deps_.max_sleep.count()));
  }
  return timeout;
}

bool KioskWindow::ProcessEvents(int timeout_ms) {
  SDL_Event event;
  bool got =
      timeout_ms > 0 ? SDL_WaitEventTimeout(&event, timeout_ms) == 1 : SDL_PollEvent(&event) == 1;
  while (got) {
    ImGui_ImplSDL2_ProcessEvent(&event);
    const bool close = event.type == SDL_QUIT || (event.type == SDL_WINDOWEVENT &&
                                                  event.window.event == SDL_WINDOWEVENT_CLOSE);
    // In lockdown a close request (Alt+F4, a window manager) is not a way
    // out: only RequestStop (SIGTERM from systemd) ends the kiosk.
    if (close && options_.windowed) return false;
    if (close) log::Warning(kLog, "close request ignored: the kiosk stops only on SIGTERM");
    if (event.type == SDL_MOUSEBUTTONDOWN && measurement_ && measurement_->awaiting_frame) {
      measurement_->touch_received = true;
    }
    switch (event.type) {
      case SDL_MOUSEBUTTONDOWN:
      case SDL_FINGERDOWN:
      case SDL_KEYDOWN:
      case SDL_TEXTINPUT:  // Typing counts as activity, so a slow typist keeps the form.
      case SDL_MOUSEWHEEL:
        deps_.session->Touch();
        if (deps_.admin != nullptr && deps_.admin->IsOpen()) deps_.admin->Touch();
        ui_state_.NoteInput(deps_.clock->Now());
        break;
      default: break;
    }
    MarkChanged();
    got = SDL_PollEvent(&event) == 1;
  }
  return true;
}

void KioskWindow::FollowGesture(const SessionView& view) {
  // Only where no citizen is being served: the home screen (or 暂停服务).
  if (deps_.admin == nullptr || deps_.admin->IsOpen() || view.screen != Screen::kHome) {
    gesture_.Reset();
    return;
  }
  const ImGuiIO& io = ImGui::GetIO();
  const auto now = std::chrono::steady_clock::now();
  if (ImGui::IsMouseClicked(ImGuiMouseButton_Left))
    gesture_.Press(io.MousePos.x, io.MousePos.y, now);
  if (ImGui::IsMouseReleased(ImGuiMouseButton_Left) &&
      gesture_.Release(io.MousePos.x, io.MousePos.y, now)) {
    admin_ui_.Reset();
    deps_.admin->Open();
    ui_state_.attract = false;
    MarkChanged();
  }
}

void KioskWindow::RenderFrame() {
  const double cpu_start = ProcessCpuMs();
  {
    // Text from outside the data (names, employers) may need glyphs the
    // atlas lacks; bake them before the frame that shows them.
    std::vector<std::string> shown = GlyphTexts(deps_.session->View());
    std::vector<const std::string*> texts;
    for (const auto& text : shown) texts.push_back(&text);
    fonts_->EnsureGlyphs(texts);
    for (auto& text : shown) SecureWipe(text);
  }
  ImGui_ImplOpenGL3_NewFrame();
  ImGui_ImplSDL2_NewFrame();
  ImGuiIO& io = ImGui::GetIO();
  if (tap_at_) {
    // A scripted finger: press this frame, release the next, exactly as
    // SDL's touch-to-mouse translation delivers a real tap.
    io.MousePos = *tap_at_;
    io.MouseDown[0] = tap_phase_ == 0;
  }
  bool lift_drag = false;
  if (drag_) {
    // The first frame presses where the finger lands, however late it is
    // drawn; then the finger slides for `duration` and lifts.
    if (!drag_->pressed) {
      drag_->pressed = true;
      drag_->start = std::chrono::steady_clock::now();
    }
    const auto elapsed = std::chrono::steady_clock::now() - drag_->start;
    const float by_time =
        drag_->duration.count() == 0
            ? 1.0f
            : std::min(1.0f, static_cast<float>(std::chrono::duration<double>(elapsed) /
                                                std::chrono::duration<double>(drag_->duration)));
    const float t = std::min(by_time, static_cast<float>(drag_->frames) / kDragSamples);
    ++drag_->frames;
    io.MousePos = ImVec2(drag_->from.x + drag_->delta.x * t, drag_->from.y + drag_->delta.y * t);
    io.MouseDown[0] = !drag_->at_end;
    lift_drag = drag_->at_end;
    if (t >= 1.0f) drag_->at_end = true;
  }
  ImGui::NewFrame();

  const SessionView view = deps_.session->View();
  int width = 0;
  int height = 0;
  SDL_GetWindowSize(window_, &width, &height);
  gesture_.SetScreen(static_cast<float>(width), static_cast<float>(height));
  FollowGesture(view);
  const CitizenPreferences& preferences = ui_state_.preferences;
  theme::Use(preferences.elder, preferences.high_contrast);
  const Fonts fonts = fonts_->For(preferences.elder);
  // The citizen's language, and the other one the home screen offers.
  const TextTable* texts = deps_.texts;
  const std::string& current =
      preferences.language.empty() ? deps_.config->default_language : preferences.language;
  std::optional<LanguageChoice> other_language;
  if (deps_.languages != nullptr) {
    if (auto chosen = deps_.languages->find(current); chosen != deps_.languages->end()) {
      texts = &chosen->second;
    }
    for (const auto& [tag, table] : *deps_.languages) {
      if (tag != current) {
        other_language = LanguageChoice{tag, table.Get("language.name")};
        break;
      }
    }
  }
  UiContext ui{view,
               *deps_.session,
               *texts,
               *deps_.config,
               *deps_.catalog,
               *deps_.search,
               ui_state_,
               fonts,
               buttons_,
               deps_.receipt_printer->Status(),
               deps_.network_state ? deps_.network_state() : NetworkState::kUnknown,
               LocalClockText(),
               ImVec2(static_cast<float>(width), static_cast<float>(height)),
               other_language,
               keyboard_.get(),
               current.starts_with("en"),
               deps_.admin,
               &admin_ui_,
               deps_.in_service && !deps_.in_service(),
               deps_.config->nearest_alternative};
  buttons_.Clear();
  ImGui::SetNextWindowPos(ImVec2(0, 0));
  ImGui::SetNextWindowSize(ui.screen_size);
  ImGui::Begin("kiosk", nullptr,
               ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                   ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoBringToFrontOnFocus |
                   ImGuiWindowFlags_NoScrollWithMouse);
  ImGui::PushFont(fonts.body);
  DrawScreen(ui);
  ImGui::PopFont();
  ImGui::End();
  ImGui::Render();

  int fb_width = 0;
  int fb_height = 0;
  SDL_GL_GetDrawableSize(window_, &fb_width, &fb_height);
  glViewport(0, 0, fb_width, fb_height);
  const ImVec4 clear = ImGui::ColorConvertU32ToFloat4(theme::Colors().background);
  glClearColor(clear.x, clear.y, clear.z, 1.0f);
  glClear(GL_COLOR_BUFFER_BIT);
  ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
  if (!screenshot_pending_.empty() && !tap_at_ && !drag_) {
    if (auto ok = WriteScreenshot(screenshot_pending_); !ok) {
      log::Error(kLog, "screenshot failed: {}", ok.error().Describe());
      script_exit_code_ = 1;
    } else {
      log::Info(kLog, "screenshot {} ({})", screenshot_pending_, ToString(view.screen));
    }
    screenshot_pending_.clear();
  }
  SDL_GL_SwapWindow(window_);

  if (measurement_) {
    if (measurement_->touch && measurement_->awaiting_frame && measurement_->touch_received) {
      // The frame that shows the touch is on the screen once the GPU is done.
      glFinish();
      measurement_->samples_ms.push_back(
          std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() -
                                                    measurement_->touched_at)
              .count());
      measurement_->awaiting_frame = false;
      measurement_->touch_received = false;
    } else if (!measurement_->touch && measurement_->left > 0) {
      glFinish();  // The frame's rasterising done, counted.
      measurement_->samples_ms.push_back(ProcessCpuMs() - cpu_start);
      --measurement_->left;
    }
  }
  if (tap_at_ && ++tap_phase_ == 2) {
    // What the tap did (a keyboard's layout, a new page) shows from the
    // next frame: the script's next step waits for it to settle.
    tap_at_.reset();
    MarkChanged();
  }
  if (lift_drag) {
    drag_.reset();
    MarkChanged();
  }
  if (TakeScrollAnimating()) frames_wanted_ = std::max(frames_wanted_, 1);
  if (!first_frame_logged_) {
    first_frame_logged_ = true;
    auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                  std::chrono::steady_clock::now() - options_.process_start)
                  .count();
    log::Info(kLog, "first-frame-ms={}", ms);
    if (deps_.first_frame) deps_.first_frame();
  }
}

Result<void> KioskWindow::WriteScreenshot(const std::string& path) {
  int width = 0;
  int height = 0;
  SDL_GL_GetDrawableSize(window_, &width, &height);
  std::vector<unsigned char> pixels(static_cast<std::size_t>(width) * height * 4);
  glPixelStorei(GL_PACK_ALIGNMENT, 1);
  glReadBuffer(GL_BACK);
  glReadPixels(0, 0, width, height, GL_RGBA, GL_UNSIGNED_BYTE, pixels.data());
  // OpenGL's rows run bottom-up; PNG's top-down.
  std::vector<unsigned char> flipped(pixels.size());
  const std::size_t row = static_cast<std::size_t>(width) * 4;
  for (int y = 0; y < height; ++y) {
    std::copy_n(pixels.begin() + static_cast<std::ptrdiff_t>(row * (height - 1 - y)), row,
                flipped.begin() + static_cast<std::ptrdiff_t>(row * y));
  }
  for (std::size_t i = 3; i < flipped.size(); i += 4) flipped[i] = 255;
  std::error_code ignored;
  auto parent = std::filesystem::path(path).parent_path();
  if (!parent.empty()) std::filesystem::create_directories(parent, ignored);
  if (stbi_write_png(path.c_str(), width, height, 4, flipped.data(), static_cast<int>(row)) == 0) {
    return Fail(ErrorCode::kIo, "cannot write " + path);
  }
  return {};
}

void KioskWindow::MarkChanged() {
  frames_since_change_ = 0;
  frames_wanted_ = std::max(frames_wanted_, 2);
}

bool KioskWindow::StepScript() {
  if (script_done_ || script_index_ >= options_.script.size()) {
    script_done_ = true;
    return false;
  }
  if (measurement_) {
    StepMeasurement();
    return true;
  }
  if (tap_at_ || drag_ || !screenshot_pending_.empty()) return true;  // Let the frame finish it.
  const ScriptCommand& command = options_.script[script_index_];
  const auto now = std::chrono::steady_clock::now();
  if (!step_started_) step_started_ = now;
  auto fail = [&](const std::string& why) {
    log::Error("script", "line {}: {}", command.line, why);
    script_exit_code_ = 1;
    script_done_ = true;
    return false;
  };
  auto next = [&] {
    ++script_index_;
    step_started_.reset();
    MarkChanged();
    return true;
  };
  const Screen screen = deps_.session->CurrentScreen();
  switch (command.kind) {
    case ScriptCommand::Kind::kTapButton: {
      // Buttons are known once a frame of this screen has been drawn.
      if (!Settled()) return true;
      auto center = buttons_.Center(command.args[0]);
      if (!center) {
        std::string known;
        for (const auto& name : buttons_.Names()) known += " " + name;
        return fail("no button \"" + command.args[0] + "\" on screen " + ToString(screen) +
                    "; buttons:" + known);
      }
      tap_at_ = *center;
      tap_phase_ = 0;
      ui_state_.NoteInput(deps_.clock->Now());  // As the finger's SDL events would.
      log::Info("script", "tap {}", command.args[0]);
      return next();
    }
    case ScriptCommand::Kind::kDrag: {
      if (!Settled()) return true;
      auto center = buttons_.Center(command.args[0]);
      if (!center) return fail("no button \"" + command.args[0] + "\" to drag from");
      drag_ = Drag{*center, ImVec2(command.x, command.y), std::chrono::steady_clock::now(),
                   command.duration};
      ui_state_.NoteInput(deps_.clock->Now());
      log::Info("script", "drag from {} by ({}, {})", command.args[0], command.x, command.y);
      return next();
    }
    case ScriptCommand::Kind::kHold:
      // A finger held still: a drag that goes nowhere for the duration.
      drag_ = Drag{ImVec2(command.x, command.y), ImVec2(0, 0), std::chrono::steady_clock::now(),
                   command.duration};
      ui_state_.NoteInput(deps_.clock->Now());
      log::Info("script", "hold ({}, {}) for {} ms", command.x, command.y,
                command.duration.count());
      return next();
    case ScriptCommand::Kind::kWaitAdmin: {
      const std::string page =
          deps_.admin != nullptr ? admin::ToString(deps_.admin->Page()) : "closed";
      if (command.args[0] == page && Settled()) return next();
      if (now - *step_started_ > command.duration) {
        return fail("admin page " + command.args[0] + " not reached; on " + page);
      }
      return true;
    }
    case ScriptCommand::Kind::kTapAt:
      tap_at_ = ImVec2(command.x, command.y);
      tap_phase_ = 0;
      ui_state_.NoteInput(deps_.clock->Now());
      return next();
    case ScriptCommand::Kind::kWait:
      if (now - *step_started_ < command.duration) return true;
      return next();
    case ScriptCommand::Kind::kWaitScreen:
      if (command.args[0] == ToString(screen) && Settled()) return next();
      if (now - *step_started_ > command.duration) {
        return fail("screen " + command.args[0] + " not reached; still on " + ToString(screen));
      }
      return true;
    case ScriptCommand::Kind::kWaitConfig: {
      const std::int64_t wanted = std::stoll(command.args[0]);
      const std::int64_t applied =
          deps_.applied_config_version ? deps_.applied_config_version() : 0;
      if (applied >= wanted && Settled()) return next();
      if (now - *step_started_ > command.duration) {
        return fail("configuration " + command.args[0] + " not applied; running " +
                    std::to_string(applied));
      }
      return true;
    }
    case ScriptCommand::Kind::kExpectScreen:
      if (command.args[0] != ToString(screen)) {
        return fail("expected screen " + command.args[0] + ", on " + ToString(screen));
      }
      return next();
    case ScriptCommand::Kind::kScreenshot:
      if (!Settled()) return true;  // Settle first: hover and layout.
      screenshot_pending_ = command.args[0];
      frames_wanted_ = 1;
      ++script_index_;
      step_started_.reset();
      return true;
    case ScriptCommand::Kind::kDevice: {
      if (!deps_.sim_device) return fail("device commands need --devices sim");
      auto applied = deps_.sim_device(command.args);
      if (!applied) return fail(applied.error().Describe());
      return next();
    }
    case ScriptCommand::Kind::kAdvanceClock:
      deps_.clock->Advance(command.duration);
      deps_.session->Tick();
      return next();
    case ScriptCommand::Kind::kField:
      if (!Settled()) return true;
      return StepField(command) ? next() : fail(field_failure_);
    case ScriptCommand::Kind::kSearch:
      if (!Settled()) return true;
      return StepSearch(command)
                 ? next()
                 : fail("search needs the home screen; on " + std::string(ToString(screen)));
    case ScriptCommand::Kind::kMeasureFrames:
    case ScriptCommand::Kind::kMeasureTouch: {
      if (!Settled()) return true;
      Measurement m;
      m.touch = command.kind == ScriptCommand::Kind::kMeasureTouch;
      m.left = std::stoi(command.args.back());
      if (m.touch) m.button = command.args[0];
      measurement_ = std::move(m);
      return true;
    }
    case ScriptCommand::Kind::kLog: {
      std::string text;
      for (const auto& word : command.args) text += (text.empty() ? "" : " ") + word;
      log::Info("script", "{}", text);
      return next();
    }
    case ScriptCommand::Kind::kHang:
      // The watchdog's test: the UI thread stuck, as in a deadlock or a
      // driver call that never returns; nothing feeds systemd meanwhile.
      log::Warning("script", "hang {} ms: the UI thread blocks", command.duration.count());
      std::this_thread::sleep_for(command.duration);
      return next();
    case ScriptCommand::Kind::kQuit: script_done_ = true; return false;
  }
  return true;
}

std::vector<std::string> KioskWindow::GlyphTexts(const SessionView& view) const {
  std::vector<std::string> texts{view.citizen_name, view.region_name, ui_state_.home.SearchText()};
  if (view.record != nullptr) {
    texts.push_back(view.record->name);
    texts.push_back(view.record->region_name);
    for (const auto& insurance : view.record->insurances) {
      texts.insert(texts.end(), {insurance.type, insurance.status, insurance.employer});
    }
  }
  if (view.displayed != nullptr) {
    texts.push_back(view.displayed->title);
    for (const auto& [label, value] : view.displayed->rows) texts.push_back(value);
    for (const auto& table : view.displayed->tables) {
      for (const auto& row : table.rows) texts.insert(texts.end(), row.begin(), row.end());
    }
  }
  for (const auto& field : view.form) texts.push_back(ui_state_.form.Text(field.id));
  for (const auto& [label, value] : view.confirm_rows) texts.push_back(value);
  if (view.notice) texts.push_back(view.notice->advice_text);
  return texts;
}

bool KioskWindow::StepField(const ScriptCommand& command) {
  const std::string& id = command.args[0];
  const SessionView view = deps_.session->View();
  if (view.screen != Screen::kForm) {
    field_failure_ = "field needs the form screen; on " + std::string(ToString(view.screen));
    return false;
  }
  const bool on_form = std::any_of(view.form.begin(), view.form.end(),
                                   [&](const FormFieldView& field) { return field.id == id; });
  if (!on_form) {
    std::string known;
    for (const auto& field : view.form) known += " " + field.id;
    field_failure_ = "no field \"" + id + "\" on the form; fields:" + known;
    return false;
  }
  // As if typed into the box and the box left: the buffer shows it, the
  // session checks it. The text itself is not logged (it may be an ID).
  WipeImGuiTextState();  // A field being edited would keep its own copy.
  ui_state_.form.Set(id, command.args[1]);
  const bool accepted = deps_.session->SetField(id, command.args[1]);
  log::Info("script", "field {} {}", id, accepted ? "accepted" : "refused");
  return true;
}

bool KioskWindow::StepSearch(const ScriptCommand& command) {
  if (deps_.session->CurrentScreen() != Screen::kHome) return false;
  ui_state_.home.page = HomeNavigation::Page::kMain;
  ui_state_.home.SetSearch(command.args[0]);
  ui_state_.NoteInput(deps_.clock->Now());
  log::Info("script", "search \"{}\"", command.args[0]);
  return true;
}

void KioskWindow::Speak(const SessionView& view) {
  if (deps_.speech == nullptr) return;
  const CitizenPreferences& preferences = ui_state_.preferences;
  const std::string& language =
      preferences.language.empty() ? deps_.config->default_language : preferences.language;
  const TextTable* texts = deps_.texts;
  if (deps_.languages != nullptr) {
    if (auto found = deps_.languages->find(language); found != deps_.languages->end()) {
      texts = &found->second;
    }
  }
  if (view.card_left_behind && !card_reminder_spoken_) {
    card_reminder_spoken_ = true;
    log::Info(kLog, "voice: voice.card_left_behind ({})", language);
    deps_.speech->Speak(texts->Get("voice.card_left_behind"), language);
    return;
  }
  if (!view.card_left_behind) card_reminder_spoken_ = false;
  const bool attract = view.screen == Screen::kHome && ui_state_.attract;
  const std::string key =
      preferences.VoiceOn() && !attract ? std::string("voice.") + ToString(view.screen) : "";
  const std::string said = key.empty() ? "" : key + "|" + language;
  if (said == spoken_key_) return;
  spoken_key_ = said;
  if (key.empty() || !texts->Has(key)) {
    deps_.speech->Stop();  // The last instruction no longer applies.
    return;
  }
  log::Info(kLog, "voice: {} ({})", key, language);
  deps_.speech->Speak(texts->Get(key), language);
}

void KioskWindow::Reconfigure(const KioskConfig* config, const TextTable* texts,
                              const std::map<std::string, TextTable>* languages,
                              const Catalog* catalog, CatalogSearch* search,
                              std::function<void(Result<void>)> rendered) {
  deps_.config = config;
  deps_.texts = texts;
  deps_.languages = languages;
  deps_.catalog = catalog;
  deps_.search = search;
  // New texts and items may bring characters the atlas lacks.
  const std::vector<std::string> collected = CollectTexts(*texts, *catalog, *config);
  std::vector<const std::string*> pointers;
  pointers.reserve(collected.size());
  for (const auto& text : collected) pointers.push_back(&text);
  fonts_->EnsureGlyphs(pointers);
  ui_state_.home.Reset();
  after_home_frame_ = std::move(rendered);
  MarkChanged();
}

int KioskWindow::Run() {
  const bool scripted = !options_.script.empty();
  while (true) {
    if (deps_.loop_alive) deps_.loop_alive();
    if (!ProcessEvents(NextTimeoutMs()) || g_stop_requested) break;
    if (deps_.tasks->RunCompletions() > 0) MarkChanged();
    deps_.session->Tick();
    if (deps_.admin != nullptr) {
      if (deps_.admin->Tick()) {
        admin_ui_.Reset();
        MarkChanged();
      }
      if (deps_.admin->IsOpen() && (deps_.admin->SecondsLeft() || deps_.admin->Busy())) {
        frames_wanted_ = std::max(frames_wanted_, 1);
      }
    }
    if (fonts_->InstallFullAtlasIfReady()) MarkChanged();
    const SessionView view = deps_.session->View();
    if (view.screen != last_screen_) {
      last_screen_ = view.screen;
      MarkChanged();
    }
    if (ScreenAnimates(view.screen) || view.seconds_left)
      frames_wanted_ = std::max(frames_wanted_, 1);
    if (keyboard_in_use_ && !ui_state_.entry.Active()) {
      keyboard_->Wipe();  // What was typed goes with the field.
      keyboard_in_use_ = false;
    }
    if (ui_state_.entry.Active()) keyboard_in_use_ = keyboard_ != nullptr;
    if (ui_state_.Follow(view, deps_.clock->Now(), deps_.config->timeouts.inactivity,
                         options_.script.empty() ? deps_.config->timeouts.attract_after
                                                 : std::chrono::seconds(0))) {
      MarkChanged();
    }
    Speak(view);
    if (scripted && !script_done_) StepScript();
    if (tap_at_ || drag_ || !screenshot_pending_.empty()) {
      frames_wanted_ = std::max(frames_wanted_, 1);
    }
    if (scripted && !script_done_ && !Settled()) frames_wanted_ = std::max(frames_wanted_, 1);
    if (frames_wanted_ > 0) {
      RenderFrame();
      --frames_wanted_;
      ++frames_since_change_;
      if (after_home_frame_ && last_screen_ == Screen::kHome) {
        // The health check's last part: the home screen drew with it.
        auto rendered = std::move(after_home_frame_);
        after_home_frame_ = nullptr;
        rendered({});
      }
    }
    if (scripted && script_done_ && screenshot_pending_.empty() && !tap_at_) break;
  }
  return script_exit_code_;
}

}  // namespace kiosk::ui
