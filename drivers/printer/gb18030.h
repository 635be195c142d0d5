#pragma once

// UTF-8 to GB18030, the encoding Chinese receipt printers expect in Chinese
// mode. GB18030 covers all of Unicode, so in practice only a few private-use
// code points that glibc maps nowhere can fail; iconv does the work.

#include <string>
#include <string_view>

#include "common/error.h"

namespace kiosk::devices {

// The GB18030 bytes of `utf8`. kInvalidData when `utf8` is not valid UTF-8,
// kInvalidArgument naming the code point and its byte offset when a
// character has no GB18030 form, kInternal when iconv lacks the converter.
Result<std::string> Utf8ToGb18030(std::string_view utf8);

}  // namespace kiosk::devices
