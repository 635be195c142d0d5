#pragma once

// `kioskctl card read [--reader PATTERN] [--profile FILE] [--unmasked] [--timeout S]`:
// waits for a 社会保障卡 in the PC/SC reader and prints its fields as JSON:
// card number, region code (统筹区编码), name, social security number
// (masked unless --unmasked), gender, nation, birth, issue and expiry
// dates. The reader is the first whose name matches PATTERN (substring or
// glob, case ignored), else the profile's pattern (default: the shipped
// firmware_config/devices/pcsc_card_reader.json). Waits up to --timeout
// seconds (default 10) for a reader and a card. Exit status:
//    0  the card was read
//    1  another failure
//    2  usage error
//    3  pcscd is not running
//    4  no reader (none matches the pattern, or pcscd has none)
//    5  no card in the reader within the timeout
//    6  the card was taken out during the read
//    7  not a 社保卡: the card has no SSSE application (SELECT answered 6A82)
//    8  a file or record is missing on the card (6A82 to EF05/EF06, 6A83)
//    9  the card refused access (6982 security status, 6983, 6985, a deactivated file 6283)
//   10  the card does not support the command (6D00, 6E00, 6A81)
//   11  the card's data does not decode (malformed item, text, date)
//   12  another card fault (other status words, 61xx/6Cxx loops, a mute card)
//   13  another program holds the card (sharing violation)

#include <string>
#include <vector>

#include "common/error.h"

namespace kiosk::ctl {

// args: what follows "card".
int CardCommand(const std::vector<std::string>& args);

// The exit status above for a reader error (exposed for tests).
int CardExitStatus(const Error& error);

}  // namespace kiosk::ctl
