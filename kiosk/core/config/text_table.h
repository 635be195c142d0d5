#pragma once

// Every word the citizen reads comes from a text table in firmware_config
// (headquarters changes wording without a release). Keys are dotted
// ("home.title"); a missing key shows the key itself, so a gap is visible
// in a screenshot instead of an empty button, and is logged once.

#include <map>
#include <set>
#include <string>

#include "common/error.h"

namespace kiosk {

class TextTable {
 public:
  static Result<TextTable> Load(const std::string& file);
  static TextTable FromMap(std::map<std::string, std::string> texts);

  const std::string& Get(const std::string& key) const;
  // Replaces "{name}" placeholders.
  std::string Format(const std::string& key, const std::map<std::string, std::string>& values) const;
  bool Has(const std::string& key) const { return texts_.contains(key); }
  const std::map<std::string, std::string>& All() const { return texts_; }

 private:
  std::map<std::string, std::string> texts_;
  mutable std::set<std::string> reported_missing_;
  mutable std::map<std::string, std::string> missing_placeholders_;
};

}  // namespace kiosk
