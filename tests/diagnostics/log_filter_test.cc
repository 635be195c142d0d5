// The logs screen's filter: level, component, text (any case) and time.

#include "kiosk/core/diagnostics/log_filter.h"

#include <catch2/catch.hpp>

namespace kiosk {
namespace {

std::vector<log::LogLine> Sample() {
  return {{1000, log::Level::kInfo, "sync", "delivered row 4 to 442000"},
          {2000, log::Level::kWarning, "sync", "Region 440300 unreachable: Timeout"},
          {3000, log::Level::kError, "printer", "paper out"},
          {4000, log::Level::kDebug, "session", "screen home"},
          {5000, log::Level::kInfo, "devices", "printer back online"}};
}

LogFilter Minimum(log::Level level) {
  LogFilter filter;
  filter.minimum = level;
  return filter;
}
LogFilter Component(std::string component) {
  LogFilter filter;
  filter.component = std::move(component);
  return filter;
}
LogFilter Text(std::string text) {
  LogFilter filter;
  filter.text = std::move(text);
  return filter;
}
LogFilter Since(std::int64_t unix_ms) {
  LogFilter filter;
  filter.since_unix_ms = unix_ms;
  return filter;
}

std::vector<std::string> Messages(const std::vector<log::LogLine>& lines) {
  std::vector<std::string> messages;
  for (const auto& line : lines) messages.push_back(line.message);
  return messages;
}

}  // namespace

TEST_CASE("an empty filter keeps every line in order", "[diagnostics][log_filter]") {
  CHECK(Messages(FilterLog(Sample(), {})) == Messages(Sample()));
}

TEST_CASE("the minimum level keeps it and the more severe ones", "[diagnostics][log_filter]") {
  CHECK(Messages(FilterLog(Sample(), Minimum(log::Level::kWarning))) ==
        std::vector<std::string>{"Region 440300 unreachable: Timeout", "paper out"});
  CHECK(FilterLog(Sample(), Minimum(log::Level::kDebug)).size() == 5);
}

TEST_CASE("the component must match exactly", "[diagnostics][log_filter]") {
  CHECK(FilterLog(Sample(), Component("sync")).size() == 2);
  CHECK(FilterLog(Sample(), Component("syn")).empty());
}

TEST_CASE("the text matches message or component in any case", "[diagnostics][log_filter]") {
  CHECK(Messages(FilterLog(Sample(), Text("TIMEOUT"))) ==
        std::vector<std::string>{"Region 440300 unreachable: Timeout"});
  CHECK(Messages(FilterLog(Sample(), Text("Printer"))) ==
        std::vector<std::string>{"paper out", "printer back online"});
  CHECK(FilterLog(Sample(), Text("nothing like this")).empty());
}

TEST_CASE("since keeps lines at or after the time; parts combine", "[diagnostics][log_filter]") {
  CHECK(FilterLog(Sample(), Since(3000)).size() == 3);
  LogFilter all_parts = Minimum(log::Level::kInfo);
  all_parts.text = "printer";
  all_parts.since_unix_ms = 4000;
  CHECK(Messages(FilterLog(Sample(), all_parts)) ==
        std::vector<std::string>{"printer back online"});
}

}  // namespace kiosk
