#pragma once

// Argument parsing the kioskctl commands share.

#include <cmath>
#include <map>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

namespace kiosk::ctl {

// "--flag value" options (each may be repeated), bare switches, and the
// positional words in order.
struct ParsedArgs {
  std::map<std::string, std::vector<std::string>> values;
  std::set<std::string> switches;
  std::vector<std::string> words;

  bool Has(const std::string& flag) const {
    return values.contains(flag) || switches.contains(flag);
  }
  // Every value given to `flag`, in order.
  const std::vector<std::string>& All(const std::string& flag) const {
    static const std::vector<std::string> kNone;
    auto found = values.find(flag);
    return found == values.end() ? kNone : found->second;
  }
  // The last value given to `flag`, or `fallback`.
  std::string One(const std::string& flag, const std::string& fallback = "") const {
    auto found = values.find(flag);
    return found == values.end() ? fallback : found->second.back();
  }
};

// An unknown "--option" or a flag without its value is a usage error, said
// in `problem`.
inline std::optional<ParsedArgs> ParseArgs(const std::vector<std::string>& args,
                                           const std::set<std::string>& value_flags,
                                           const std::set<std::string>& switch_flags,
                                           std::string& problem) {
  ParsedArgs parsed;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    if (switch_flags.contains(arg)) {
      parsed.switches.insert(arg);
    } else if (value_flags.contains(arg)) {
      if (i + 1 == args.size()) {
        problem = arg + " needs a value";
        return std::nullopt;
      }
      parsed.values[arg].push_back(args[++i]);
    } else if (arg.starts_with("--")) {
      problem = "unknown option " + arg;
      return std::nullopt;
    } else {
      parsed.words.push_back(arg);
    }
  }
  return parsed;
}

// "--timeout S": seconds, more than 0 and at most an hour; nullopt when
// the text is anything else.
inline std::optional<double> ParseTimeoutSeconds(const std::string& text) {
  try {
    std::size_t used = 0;
    const double seconds = std::stod(text, &used);
    if (used != text.size() || !std::isfinite(seconds) || !(seconds > 0) || seconds > 3600) {
      return std::nullopt;
    }
    return seconds;
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

inline constexpr const char* kTimeoutProblem =
    "--timeout takes seconds, more than 0 and at most 3600";

}  // namespace kiosk::ctl
