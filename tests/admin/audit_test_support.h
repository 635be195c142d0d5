#pragma once

// What the admin tests share: an injected clock and the audit log's lines
// as text, to tamper with.

#include <cstdint>
#include <fstream>
#include <functional>
#include <sstream>
#include <string>
#include <vector>

namespace kiosk::testing {

struct FakeClock {
  std::int64_t now = 1'764'900'000'000;  // 2025-12-05, any fixed time does.
  std::function<std::int64_t()> Fn() {
    return [this] { return now; };
  }
};

inline std::string ReadText(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

inline void WriteText(const std::string& path, const std::string& text) {
  std::ofstream(path, std::ios::binary | std::ios::trunc) << text;
}

// The lines without their newlines.
inline std::vector<std::string> ReadLines(const std::string& path) {
  std::vector<std::string> lines;
  std::istringstream in(ReadText(path));
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

inline void WriteLines(const std::string& path, const std::vector<std::string>& lines) {
  std::string text;
  for (const auto& line : lines) text += line + "\n";
  WriteText(path, text);
}

}  // namespace kiosk::testing
