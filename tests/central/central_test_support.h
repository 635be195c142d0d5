#pragma once

// A reference central service running in-process on a free port, with the
// shipped seed data, and the helpers the central tests share.

#include <httplib.h>

#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "central/citizen_directory.h"
#include "central/http_server.h"
#include "central/submission_store.h"
#include "tests/support/temp_dir.h"

namespace kiosk::central::testing {

std::string SeedPath();      // central/data/citizens.json
std::string SimCardsPath();  // firmware_config/sim/social_security_cards.json

nlohmann::json LoadJsonFile(const std::string& path);

// Parses a response body; fails the test when it is not JSON.
nlohmann::json BodyOf(const httplib::Result& result);

// The "error.code" of an error body, or "" if there is none.
std::string ErrorCodeOf(const httplib::Result& result);

// Whether `text` has the shape `shape`, where '#' stands for a decimal digit
// and anything else for itself: LooksLike("2026-11", "####-##"). (std::regex
// trips a GCC 12 false -Wmaybe-uninitialized in the optimised builds.)
bool LooksLike(const std::string& text, const std::string& shape);

std::string QueryBody(const std::string& ssn, const std::optional<std::string>& card_number);

class RunningCentral {
 public:
  explicit RunningCentral(const std::string& db_path = ":memory:");
  ~RunningCentral();

  httplib::Client& Client() { return *client_; }
  SubmissionStore& Store() { return **store_; }
  const CitizenDirectory& Directory() const { return *directory_; }
  int Port() const { return port_; }

  httplib::Result Query(const std::string& region, const std::string& body,
                        const std::string& query = "insurance_record");
  httplib::Result Submit(const std::string& region, const std::string& key,
                         const std::string& body);

 private:
  std::optional<CitizenDirectory> directory_;
  std::optional<std::unique_ptr<SubmissionStore>> store_;
  std::unique_ptr<KioskReportStore> reports_;
  std::unique_ptr<CentralServer> server_;
  std::unique_ptr<httplib::Client> client_;
  int port_ = 0;
};

using kiosk::testing::TempDir;

}  // namespace kiosk::central::testing
