#pragma once

// The command line of kiosk-central.

#include <optional>
#include <string>
#include <vector>

#include "common/error.h"

namespace kiosk::central {

struct CliOptions {
  std::string bind = "127.0.0.1";
  int port = 8480;  // 0 = any free port.
  std::optional<std::string> port_file;
  std::string db = "kiosk-central.sqlite";
  std::string data;  // Citizen seed file; defaults to the one in the source tree.
  // Exposes /v1/test/faults (central/fault_injection.h); never in production.
  bool allow_fault_injection = false;
  bool help = false;
};

// Accepts "--flag value" and "--flag=value". kInvalidArgument names the
// offending argument; the caller prints it with Usage().
Result<CliOptions> ParseCliOptions(const std::vector<std::string>& args);

std::string Usage(const std::string& program);

}  // namespace kiosk::central
