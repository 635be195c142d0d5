#pragma once

// The canonical form of a metadata file's "signed" object: the bytes that
// are signed and verified, whatever spacing the file itself uses.
//
//   - objects: members sorted by key in byte order of their UTF-8, each
//     key once; no whitespace anywhere (`{"a":1,"b":[true,null]}`);
//   - strings: UTF-8 as it is (no \u escapes for non-ASCII); only `"`,
//     `\` and control characters are escaped: \b \f \n \r \t, others as
//     \u00xx (lowercase hex); `/` is not escaped;
//   - numbers: integers only, in decimal without leading zeros or "+";
//     a floating-point number anywhere makes the document malformed;
//   - true, false, null as such.
//
// This is nlohmann::json::dump() (no indent, ensure_ascii off) over
// nlohmann::json's default std::map objects; the tests pin it to fixed
// bytes so a library update that changed it would be noticed.

#include <nlohmann/json.hpp>
#include <string>

#include "common/error.h"

namespace kiosk::remote_config {

// kInvalidData, reason "malformed": a float, or a string not valid UTF-8.
Result<std::string> CanonicalJson(const nlohmann::json& value);

}  // namespace kiosk::remote_config
