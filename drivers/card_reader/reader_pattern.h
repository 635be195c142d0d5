#pragma once

// Which PC/SC reader is the kiosk's 社保卡 reader: a pattern from
// firmware_config/devices/pcsc_card_reader.json, matched against the names
// pcscd gives ("Virtual PCD 00 00", "ACS ACR39U ICC Reader 00 00"), case
// ignored. A pattern with * ? or [ is a glob over the whole name; any
// other is a substring; the empty pattern takes the first reader.

#include <optional>
#include <string>
#include <vector>

namespace kiosk::devices {

bool ReaderNameMatches(const std::string& pattern, const std::string& name);

// The first of `names` that matches, in pcscd's order.
std::optional<std::string> MatchReader(const std::string& pattern,
                                       const std::vector<std::string>& names);

}  // namespace kiosk::devices
