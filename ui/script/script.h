#pragma once

// Replay scripts for `kiosk --script FILE`: one command a line, '#' starts
// a comment. They drive the real UI (taps go through ImGui like a finger)
// and the simulated devices, and take screenshots. See docs/SCRIPTS.md.

#include <chrono>
#include <string>
#include <vector>

#include "common/error.h"

namespace kiosk::ui {

struct ScriptCommand {
  enum class Kind {
    kTapButton,      // tap <button-id>
    kTapAt,          // tap <x> <y>
    kDrag,           // drag <button-id> <dx> <dy> [<duration>]  (a finger sliding from it)
    kWait,           // wait <duration>
    kWaitScreen,     // wait-screen <screen> [<timeout>]
    kExpectScreen,   // expect-screen <screen>
    kWaitConfig,     // wait-config <version> [<timeout>]  (applied from headquarters)
    kScreenshot,     // screenshot <path>
    kDevice,         // card/idcard/scanner/printer ...  (passed to the simulators)
    kAdvanceClock,   // advance-clock <duration>
    kField,          // field <field-id> [<text>]  (args: id, text)
    kSearch,         // search [<text>]            (args: text)
    kLog,            // log <text>
    kMeasureFrames,  // measure-frames <count>   (draws the screen N times; logs frame CPU, RSS)
    kMeasureTouch,   // measure-touch <button-id> <count>  (taps through SDL; logs touch-to-frame)
    kHang,           // hang <duration>  (blocks the UI thread: the systemd watchdog's test)
    kHold,           // hold <x> <y> <duration>  (a finger pressed still, then lifted)
    kWaitAdmin,      // wait-admin <page> [<timeout>]  (admin mode's page, "closed" when shut)
    kQuit,           // quit
  };
  Kind kind = Kind::kLog;
  int line = 0;
  std::vector<std::string> args;
  std::chrono::milliseconds duration{0};
  float x = 0;
  float y = 0;
};

// Parses the whole script; any bad line fails with its line number.
Result<std::vector<ScriptCommand>> ParseScript(const std::string& text);
Result<std::vector<ScriptCommand>> LoadScript(const std::string& file);

// "500ms", "2s", "1.5s", "2m".
Result<std::chrono::milliseconds> ParseDuration(const std::string& text);

}  // namespace kiosk::ui
