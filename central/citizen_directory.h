#pragma once

// The insured people the reference service answers about, loaded once from
// the seed file (central/data/citizens.json) and read-only afterwards, so
// handler threads share it without locking.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "central/query_seeds.h"
#include "common/error.h"

namespace kiosk::central {

struct Payment {
  std::string period;  // "YYYY-MM"
  std::int64_t base_cents = 0;
  std::int64_t personal_cents = 0;
  std::int64_t employer_cents = 0;
  std::string paid_on;  // "YYYY-MM-DD"
};

struct Insurance {
  std::string code;    // 险种编码, e.g. "110".
  std::string type;    // Its name, e.g. 企业职工基本养老保险.
  std::string status;  // 参保缴费, 暂停缴费 or 终止参保.
  std::string since;   // "YYYY-MM"
  int contribution_months = 0;
  std::string employer;  // Empty for the 城乡居民 schemes, which have none.
  Payment last_payment;
};

struct Citizen {
  std::string id;  // Short name used by tests and scripts, e.g. "zhang-wei".
  std::string name;
  std::string ssn;                             // 18-character resident identity number.
  std::string gender;                          // "male" or "female".
  std::string birth_date;                      // "YYYY-MM-DD"
  std::string card_number;                     // The valid 社保卡.
  std::vector<std::string> lost_card_numbers;  // Earlier cards, reported lost.
  // The card on record is reported lost (挂失) and not yet replaced: it no
  // longer identifies anyone until the report is cancelled (解挂).
  bool card_reported_lost = false;
  // Tokens of the person's phone codes (电子社保卡 "ESSC1:…", 医保电子凭证
  // "NHSA1:…") that this service resolves; real ones are short-lived, the
  // test ones fixed so scripts can show them.
  std::vector<std::string> phone_tokens;
  // Insurances per region (统筹区) where the person is or was insured.
  std::map<std::string, std::vector<Insurance>> records;
};

class CitizenDirectory {
 public:
  CitizenDirectory(std::map<std::string, std::string> region_names, std::vector<Citizen> citizens);

  // Reads and validates a seed file (see seed_loader.h for the checks),
  // and the query seeds in the "queries" folder beside it.
  static Result<CitizenDirectory> Load(const std::string& path);

  // The region's name, e.g. "440300" → 深圳市, or nullopt if unknown.
  std::optional<std::string> RegionName(const std::string& region) const;
  const Citizen* FindBySsn(const std::string& ssn) const;
  // The person a phone code's whole text ("ESSC1:…") belongs to.
  const Citizen* FindByPhoneToken(const std::string& token) const;

  const std::map<std::string, std::string>& Regions() const { return region_names_; }
  const std::vector<Citizen>& Citizens() const { return citizens_; }
  const QuerySeeds& Queries() const { return queries_; }
  void SetQueries(QuerySeeds queries) { queries_ = std::move(queries); }

 private:
  std::map<std::string, std::string> region_names_;
  std::vector<Citizen> citizens_;
  QuerySeeds queries_;
};

}  // namespace kiosk::central
