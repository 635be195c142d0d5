#pragma once

// Every language's text table must fit the screens written for the
// default one: the same keys, and in each text the same {placeholders}
// (a translation that drops "{seconds}" would show a countdown without its
// number; one that adds "{region}" would show the brace).

#include <map>
#include <set>
#include <string>

#include "common/error.h"
#include "kiosk/core/config/kiosk_config.h"
#include "kiosk/core/config/text_table.h"

namespace kiosk {

// The names of the "{name}" placeholders in `text`.
std::set<std::string> Placeholders(const std::string& text);

// kInvalidData naming `name` and every key of `reference` that `other`
// lacks or whose placeholders differ. Keys only `other` has are allowed
// (a table may run ahead of the default one).
Result<void> CheckSameKeysAndPlaceholders(const TextTable& reference, const TextTable& other,
                                          const std::string& name);

// Loads every language of `config.text_files` and checks each against the
// default language's table; the map holds the default language too.
Result<std::map<std::string, TextTable>> LoadTextTables(const KioskConfig& config);

}  // namespace kiosk
