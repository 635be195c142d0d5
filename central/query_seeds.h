#pragma once

// The answers of the catalog's queries other than insurance_record: one
// seed file per query in central/data/queries/<query>.json, records keyed
// by the citizen's identity number ("ssn") or an enterprise's credit code.
// Loaded once at start-up and read-only afterwards.

#include <map>
#include <nlohmann/json.hpp>
#include <string>

#include "common/error.h"

namespace kiosk::central {

struct QuerySeed {
  std::string name;
  std::string key;  // "ssn" or "credit_code": what identifies the subject.
  std::map<std::string, nlohmann::json> records;
};

class QuerySeeds {
 public:
  // Every *.json in `dir`; a missing folder is an empty set. A malformed
  // file fails the load with its name and the problem.
  static Result<QuerySeeds> LoadDirectory(const std::string& dir);

  const QuerySeed* Find(const std::string& query) const;
  std::size_t size() const { return seeds_.size(); }

 private:
  std::map<std::string, QuerySeed> seeds_;
};

}  // namespace kiosk::central
