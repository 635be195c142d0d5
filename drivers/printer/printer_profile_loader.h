#pragma once

// Printer capability profiles as data: one JSON file per model in a folder
// (firmware_config/printers/NAME.json), a model inheriting everything it
// does not say from another ("inherits": "generic-80mm"). Example:
//   {"format_version": 1,
//    "comment": "Epson TM-T20II, from its published specifications",
//    "inherits": "generic-80mm",
//    "dpi": 203, "font_a_columns": 48}
// Keys: format_version, comment, inherits, paper_width_mm, printable_dots,
// dpi, font_a_columns, font_b_columns, chinese_mode_at_power_on,
// native_qr, raster, cutter, dle_eot_status, auto_status_back. Unknown
// keys are refused (a misspelt key must not be silently ignored), and so
// are inheritance cycles and profiles that leave a key unset. The shipped
// profiles and what native_qr and raster change are listed in
// firmware_config/printers/README.md.

#include <map>
#include <nlohmann/json_fwd.hpp>
#include <string>
#include <string_view>

#include "common/error.h"
#include "drivers/printer/printer_profile.h"

namespace kiosk::devices {

// The profile `name` from `folder` (NAME.json and what it inherits):
// kNotFound when a file is missing, kInvalidData naming the file and key
// for anything wrong in one, a cycle listing its members.
Result<PrinterProfile> LoadPrinterProfile(const std::string& folder, std::string_view name);

// Every profile of `folder`, by name; the first failure if any fails.
Result<std::map<std::string, PrinterProfile>> LoadPrinterProfiles(const std::string& folder);

// A complete (already merged) profile object, for tests and tools.
Result<PrinterProfile> ParsePrinterProfile(std::string_view name, const nlohmann::json& json);

}  // namespace kiosk::devices
