#include "tests/central/central_test_support.h"

#include <stdlib.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>

namespace kiosk::central::testing {

std::string SeedPath() { return std::string(KIOSK_SOURCE_DIR) + "/central/data/citizens.json"; }

std::string SimCardsPath() {
  return std::string(KIOSK_CONFIG_DIR) + "/sim/social_security_cards.json";
}

nlohmann::json LoadJsonFile(const std::string& path) {
  std::ifstream in(path);
  INFO(path);
  REQUIRE(in);
  auto document = nlohmann::json::parse(in, nullptr, /*allow_exceptions=*/false);
  REQUIRE_FALSE(document.is_discarded());
  return document;
}

nlohmann::json BodyOf(const httplib::Result& result) {
  REQUIRE(result);
  INFO(result->body);
  auto body = nlohmann::json::parse(result->body, nullptr, /*allow_exceptions=*/false);
  REQUIRE_FALSE(body.is_discarded());
  return body;
}

std::string ErrorCodeOf(const httplib::Result& result) {
  const auto body = BodyOf(result);
  if (!body.contains("error") || !body["error"].is_object()) return "";
  // Every error also carries an English message.
  CHECK(body["error"].value("message", "") != "");
  return body["error"].value("code", "");
}

bool LooksLike(const std::string& text, const std::string& shape) {
  if (text.size() != shape.size()) return false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const bool digit = text[i] >= '0' && text[i] <= '9';
    if (shape[i] == '#' ? !digit : text[i] != shape[i]) return false;
  }
  return true;
}

std::string QueryBody(const std::string& ssn, const std::optional<std::string>& card_number) {
  nlohmann::json identity = {{"method", "social_security_card"}, {"ssn", ssn}};
  if (card_number) identity["card_number"] = *card_number;
  return nlohmann::json{{"identity", identity}}.dump();
}

RunningCentral::RunningCentral(const std::string& db_path) {
  auto directory = CitizenDirectory::Load(SeedPath());
  INFO((directory ? "" : directory.error().Describe()));
  REQUIRE(directory);
  directory_.emplace(std::move(*directory));
  auto store = SubmissionStore::Open(db_path);
  INFO((store ? "" : store.error().Describe()));
  REQUIRE(store);
  store_.emplace(std::move(*store));
  auto reports = KioskReportStore::Open(db_path);
  INFO((reports ? "" : reports.error().Describe()));
  REQUIRE(reports);
  reports_ = std::move(*reports);
  server_ = std::make_unique<CentralServer>(*directory_, **store_, RequestLog::kOff, nullptr,
                                            reports_.get());
  auto port = server_->Start("127.0.0.1", 0);
  INFO((port ? "" : port.error().Describe()));
  REQUIRE(port);
  port_ = *port;
  client_ = std::make_unique<httplib::Client>("127.0.0.1", port_);
  client_->set_connection_timeout(5);
  client_->set_read_timeout(20);
}

RunningCentral::~RunningCentral() {
  client_.reset();
  if (server_) server_->Stop();
}

httplib::Result RunningCentral::Query(const std::string& region, const std::string& body,
                                      const std::string& query) {
  return client_->Post("/v1/regions/" + region + "/queries/" + query, body, "application/json");
}

httplib::Result RunningCentral::Submit(const std::string& region, const std::string& key,
                                       const std::string& body) {
  return client_->Post("/v1/regions/" + region + "/submissions",
                       httplib::Headers{{"Idempotency-Key", key}}, body, "application/json");
}

}  // namespace kiosk::central::testing
