#pragma once

// The diagnostics bundle admin mode exports to a USB drive or sends to
// headquarters: who the kiosk is, its devices, queue, network,
// certificates and recent log, as one JSON document and a plain log file.
// Everything in it has been through ScrubPersonalData.

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "common/error.h"
#include "common/log.h"
#include "kiosk/core/diagnostics/certificate_info.h"

namespace kiosk {

struct DiagnosticsInputs {
  std::string kiosk_id, region, software_version;
  std::int64_t config_version = 0;  // 0: the installed configuration.
  nlohmann::json devices;           // What the device manager reports, per class.
  nlohmann::json queue;             // Outbox counts.
  nlohmann::json network;           // Regions reachable, headquarters.
  std::vector<CertificateInfo> certificates;
  std::vector<log::LogLine> log;
  std::int64_t created_unix_ms = 0;
};

// The bundle's diagnostics.json: every string (and any number shaped like
// a citizen's) scrubbed; the log as formatted lines; "scrubbed" counts what
// was masked, so staff know personal data reached the log at all.
nlohmann::json DiagnosticsJson(const DiagnosticsInputs& inputs);

// Writes <target_dir>/kiosk-<id>-<yyyymmdd-hhmmss>/ (Beijing time; "-2",
// "-3"… when that name is taken) holding diagnostics.json and kiosk.log
// (scrubbed lines). It is written as <name>.partial, every file and the
// directory fsync'd, then renamed: a drive pulled at any moment holds a
// whole bundle or a .partial one, never a half-written bundle under the
// final name. Returns the bundle's path. Errors: kNotFound (no such
// target), kInvalidArgument (not a directory), kCapacity (the drive is
// full), kIo (read-only or any other failure), each naming the path.
Result<std::string> ExportDiagnostics(const DiagnosticsInputs& inputs,
                                      const std::string& target_dir);

}  // namespace kiosk
