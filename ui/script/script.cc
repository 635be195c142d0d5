#include "ui/script/script.h"

#include <fstream>
#include <sstream>

namespace kiosk::ui {
namespace {

std::string JoinWords(const std::vector<std::string>& words, std::size_t from) {
  std::string text;
  for (std::size_t i = from; i < words.size(); ++i) text += (text.empty() ? "" : " ") + words[i];
  return text;
}

}  // namespace

Result<std::chrono::milliseconds> ParseDuration(const std::string& text) {
  std::size_t unit_at = text.find_first_not_of("0123456789.");
  if (unit_at == 0 || unit_at == std::string::npos) {
    return Fail(ErrorCode::kInvalidArgument, "duration \"" + text + "\" needs a unit (ms, s, m)");
  }
  double value = 0;
  try {
    value = std::stod(text.substr(0, unit_at));
  } catch (const std::exception&) {
    return Fail(ErrorCode::kInvalidArgument, "duration \"" + text + "\" is not a number");
  }
  const std::string unit = text.substr(unit_at);
  double factor = 0;
  if (unit == "ms") factor = 1;
  if (unit == "s") factor = 1000;
  if (unit == "m") factor = 60000;
  if (factor == 0)
    return Fail(ErrorCode::kInvalidArgument, "unknown duration unit \"" + unit + "\"");
  return std::chrono::milliseconds(static_cast<long long>(value * factor));
}

Result<std::vector<ScriptCommand>> ParseScript(const std::string& text) {
  std::vector<ScriptCommand> commands;
  std::istringstream lines(text);
  std::string line;
  int number = 0;
  while (std::getline(lines, line)) {
    ++number;
    if (auto hash = line.find('#'); hash != std::string::npos) line.erase(hash);
    std::istringstream words_in(line);
    std::vector<std::string> words;
    for (std::string word; words_in >> word;) words.push_back(word);
    if (words.empty()) continue;
    auto fail = [&](const std::string& why) {
      return Fail(ErrorCode::kInvalidArgument,
                  "script line " + std::to_string(number) + ": " + why);
    };
    ScriptCommand command;
    command.line = number;
    const std::string& verb = words[0];
    command.args.assign(words.begin() + 1, words.end());
    const std::size_t argc = command.args.size();
    if (verb == "tap") {
      if (argc == 1) {
        command.kind = ScriptCommand::Kind::kTapButton;
      } else if (argc == 2) {
        command.kind = ScriptCommand::Kind::kTapAt;
        try {
          command.x = std::stof(command.args[0]);
          command.y = std::stof(command.args[1]);
        } catch (const std::exception&) {
          return fail("tap takes a button id or two coordinates");
        }
      } else {
        return fail("tap takes a button id or two coordinates");
      }
    } else if (verb == "drag") {
      if (argc < 3 || argc > 4)
        return fail("drag takes a button id, dx, dy and an optional duration");
      command.kind = ScriptCommand::Kind::kDrag;
      try {
        command.x = std::stof(command.args[1]);
        command.y = std::stof(command.args[2]);
      } catch (const std::exception&) {
        return fail("drag takes a button id, dx, dy and an optional duration");
      }
      command.duration = std::chrono::milliseconds(300);
      if (argc == 4) {
        auto duration = ParseDuration(command.args[3]);
        if (!duration) return fail(duration.error().detail);
        command.duration = *duration;
      }
    } else if (verb == "wait" || verb == "advance-clock" || verb == "hang") {
      if (argc != 1) return fail(verb + " takes one duration");
      auto duration = ParseDuration(command.args[0]);
      if (!duration) return fail(duration.error().detail);
      command.duration = *duration;
      command.kind = verb == "wait"   ? ScriptCommand::Kind::kWait
                     : verb == "hang" ? ScriptCommand::Kind::kHang
                                      : ScriptCommand::Kind::kAdvanceClock;
    } else if (verb == "wait-screen") {
      if (argc < 1 || argc > 2) return fail("wait-screen takes a screen and an optional timeout");
      command.kind = ScriptCommand::Kind::kWaitScreen;
      command.duration = std::chrono::seconds(10);
      if (argc == 2) {
        auto duration = ParseDuration(command.args[1]);
        if (!duration) return fail(duration.error().detail);
        command.duration = *duration;
      }
    } else if (verb == "wait-config") {
      if (argc < 1 || argc > 2) {
        return fail("wait-config takes a configuration version and an optional timeout");
      }
      if (command.args[0].empty() ||
          command.args[0].find_first_not_of("0123456789") != std::string::npos) {
        return fail("wait-config takes a configuration version number");
      }
      command.kind = ScriptCommand::Kind::kWaitConfig;
      command.duration = std::chrono::seconds(60);
      if (argc == 2) {
        auto duration = ParseDuration(command.args[1]);
        if (!duration) return fail(duration.error().detail);
        command.duration = *duration;
      }
    } else if (verb == "hold") {
      if (argc != 3) return fail("hold takes x, y and a duration");
      command.kind = ScriptCommand::Kind::kHold;
      try {
        command.x = std::stof(command.args[0]);
        command.y = std::stof(command.args[1]);
      } catch (const std::exception&) {
        return fail("hold takes x, y and a duration");
      }
      auto duration = ParseDuration(command.args[2]);
      if (!duration) return fail(duration.error().detail);
      command.duration = *duration;
    } else if (verb == "wait-admin") {
      if (argc < 1 || argc > 2) return fail("wait-admin takes a page and an optional timeout");
      command.kind = ScriptCommand::Kind::kWaitAdmin;
      command.duration = std::chrono::seconds(10);
      if (argc == 2) {
        auto duration = ParseDuration(command.args[1]);
        if (!duration) return fail(duration.error().detail);
        command.duration = *duration;
      }
    } else if (verb == "expect-screen") {
      if (argc != 1) return fail("expect-screen takes a screen");
      command.kind = ScriptCommand::Kind::kExpectScreen;
    } else if (verb == "screenshot") {
      if (argc != 1) return fail("screenshot takes a path");
      command.kind = ScriptCommand::Kind::kScreenshot;
    } else if (verb == "card" || verb == "printer" || verb == "idcard" || verb == "scanner") {
      if (argc < 1) return fail(verb + " needs an action");
      command.kind = ScriptCommand::Kind::kDevice;
      command.args.insert(command.args.begin(), verb);
    } else if (verb == "field") {
      // The text is the rest of the line (an address has spaces); none
      // is an empty input, e.g. to see a required field refused.
      if (argc < 1) return fail("field takes a field id and the text to type");
      command.kind = ScriptCommand::Kind::kField;
      command.args = {command.args[0], JoinWords(command.args, 1)};
    } else if (verb == "search") {
      command.kind = ScriptCommand::Kind::kSearch;
      command.args = {JoinWords(command.args, 0)};
    } else if (verb == "measure-frames" || verb == "measure-touch") {
      const bool touch = verb == "measure-touch";
      if (argc != (touch ? 2u : 1u)) {
        return fail(touch ? "measure-touch takes a button id and a count"
                          : "measure-frames takes a count");
      }
      const std::string& count = command.args.back();
      if (count.empty() || count.find_first_not_of("0123456789") != std::string::npos ||
          count.size() > 5 || std::stoi(count) == 0) {
        return fail(verb + " takes a count from 1 to 99999");
      }
      command.kind =
          touch ? ScriptCommand::Kind::kMeasureTouch : ScriptCommand::Kind::kMeasureFrames;
    } else if (verb == "log") {
      command.kind = ScriptCommand::Kind::kLog;
    } else if (verb == "quit") {
      command.kind = ScriptCommand::Kind::kQuit;
    } else {
      return fail("unknown command \"" + verb + "\"");
    }
    commands.push_back(std::move(command));
  }
  return commands;
}

Result<std::vector<ScriptCommand>> LoadScript(const std::string& file) {
  std::ifstream in(file);
  if (!in) return Fail(ErrorCode::kIo, "cannot open script " + file);
  std::stringstream text;
  text << in.rdbuf();
  return ParseScript(text.str());
}

}  // namespace kiosk::ui
