#include "kiosk/core/admin/terminal_state.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "common/durable_files.h"

namespace kiosk::admin {

Result<TerminalState> LoadTerminalState(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    if (!std::filesystem::exists(path)) return TerminalState{};
    return Fail(ErrorCode::kIo, path + ": " + std::strerror(errno));
  }
  std::stringstream text;
  text << in.rdbuf();
  const nlohmann::json document =
      nlohmann::json::parse(text.str(), nullptr, /*allow_exceptions=*/false);
  if (document.is_discarded() || !document.is_object()) {
    return Fail(ErrorCode::kInvalidData, path + ": not a JSON object");
  }
  TerminalState state;
  try {
    state.in_service = document.value("in_service", true);
    state.out_of_service_reason = document.value("out_of_service_reason", "");
    state.changed_by = document.value("changed_by", "");
    state.changed_unix_ms = document.value("changed_unix_ms", std::int64_t{0});
    state.region_override = document.value("region_override", "");
  } catch (const nlohmann::json::exception& error) {
    return Fail(ErrorCode::kInvalidData, path + ": " + error.what());
  }
  return state;
}

Result<void> SaveTerminalState(const std::string& path, const TerminalState& state) {
  const nlohmann::json document = {{"in_service", state.in_service},
                                   {"out_of_service_reason", state.out_of_service_reason},
                                   {"changed_by", state.changed_by},
                                   {"changed_unix_ms", state.changed_unix_ms},
                                   {"region_override", state.region_override}};
  const std::string temporary = path + ".new";
  if (auto written = durable::WriteFile(temporary, document.dump(2) + "\n"); !written) {
    return written;
  }
  if (std::rename(temporary.c_str(), path.c_str()) != 0) {
    return Fail(ErrorCode::kIo, "rename " + temporary + ": " + std::strerror(errno));
  }
  const std::filesystem::path parent = std::filesystem::path(path).parent_path();
  return durable::SyncDirectory(parent.empty() ? "." : parent.string());
}

}  // namespace kiosk::admin
