// The benchmarks a replay script asks for (measure-frames, measure-touch;
// bench/ui/ui_bench.sh): frame CPU time and touch-to-frame latency, logged
// with the resident memory.

#include <SDL.h>

#include <algorithm>
#include <fstream>
#include <string>
#include <vector>

#include "common/log.h"
#include "ui/app/kiosk_window.h"

namespace kiosk::ui {

// The whole process's: with Mesa's llvmpipe the rasterising runs on its
// own threads, and a frame is its ImGui work plus that.
double ProcessCpuMs() {
  timespec now{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &now);
  return static_cast<double>(now.tv_sec) * 1e3 + static_cast<double>(now.tv_nsec) / 1e6;
}

static long ResidentKb() {
  std::ifstream status("/proc/self/status");
  for (std::string line; std::getline(status, line);) {
    if (line.starts_with("VmRSS:")) return std::strtol(line.c_str() + 6, nullptr, 10);
  }
  return -1;
}

static double Percentile(std::vector<double> values, double p) {
  if (values.empty()) return 0;
  std::sort(values.begin(), values.end());
  const auto index = static_cast<std::size_t>(p * static_cast<double>(values.size() - 1) + 0.5);
  return values[std::min(index, values.size() - 1)];
}

void KioskWindow::StepMeasurement() {
  Measurement& m = *measurement_;
  if (m.left == 0 && !m.awaiting_frame) {
    ReportMeasurement();
    measurement_.reset();
    ++script_index_;
    step_started_.reset();
    MarkChanged();
    return;
  }
  if (!m.touch) {
    frames_wanted_ = std::max(frames_wanted_, 1);  // Each frame is timed in RenderFrame.
    return;
  }
  if (m.awaiting_frame || tap_at_) return;
  // A real touch through SDL: the pointer moved onto the button, then a
  // press and a release event queued as the touch screen's driver would.
  auto center = buttons_.Center(m.button);
  if (!center) {
    log::Error("script", "measure-touch: no button \"{}\"", m.button);
    script_exit_code_ = 1;
    script_done_ = true;
    measurement_.reset();
    return;
  }
  SDL_WarpMouseInWindow(window_, static_cast<int>(center->x), static_cast<int>(center->y));
  for (Uint32 type :
       {static_cast<Uint32>(SDL_MOUSEBUTTONDOWN), static_cast<Uint32>(SDL_MOUSEBUTTONUP)}) {
    SDL_Event event{};
    event.type = type;
    event.button.button = SDL_BUTTON_LEFT;
    event.button.state = type == SDL_MOUSEBUTTONDOWN ? SDL_PRESSED : SDL_RELEASED;
    event.button.clicks = 1;
    event.button.x = static_cast<int>(center->x);
    event.button.y = static_cast<int>(center->y);
    event.button.windowID = SDL_GetWindowID(window_);
    SDL_PushEvent(&event);
  }
  m.touched_at = std::chrono::steady_clock::now();
  m.awaiting_frame = true;
  --m.left;
}

void KioskWindow::ReportMeasurement() {
  const Measurement& m = *measurement_;
  int width = 0;
  int height = 0;
  SDL_GetWindowSize(window_, &width, &height);
  log::Info("bench", "{} screen={} {}x{} n={} p50={:.2f}ms p99={:.2f}ms max={:.2f}ms rss-kb={}",
            m.touch ? "touch-to-frame" : "frame-cpu", ToString(deps_.session->CurrentScreen()),
            width, height, m.samples_ms.size(), Percentile(m.samples_ms, 0.5),
            Percentile(m.samples_ms, 0.99), Percentile(m.samples_ms, 1.0), ResidentKb());
}

}  // namespace kiosk::ui
