#pragma once

// What maintenance staff set on this terminal that must outlast a restart
// or a power cut: out of service (citizens see 暂停服务 with the nearest
// alternative until staff put it back), and a region chosen by an
// administrator (takes effect at the next start, where the configuration
// is loaded). Kept in DATA_DIR/terminal_state.json, replaced atomically.

#include <cstdint>
#include <string>

#include "common/error.h"

namespace kiosk::admin {

struct TerminalState {
  bool in_service = true;
  std::string out_of_service_reason;
  std::string changed_by;  // Operator id.
  std::int64_t changed_unix_ms = 0;
  std::string region_override;  // Empty: the configuration's region.

  bool operator==(const TerminalState&) const = default;
};

// A missing file is the default state; a file that does not parse is an
// error naming it (the program logs it and stays in service: a terminal
// must not refuse citizens over a garbled flag).
Result<TerminalState> LoadTerminalState(const std::string& path);
Result<void> SaveTerminalState(const std::string& path, const TerminalState& state);

}  // namespace kiosk::admin
