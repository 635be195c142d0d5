#pragma once

// Builds a Session over fakes and the shipped configuration, with a manual
// clock, so each test can walk a journey step by step.

#include <array>
#include <atomic>
#include <filesystem>
#include <memory>

#include "drivers/id_card/sim_id_card_reader.h"
#include "kiosk/core/session/session.h"
#include "tests/support/fakes/fake_card_reader.h"
#include "tests/support/fakes/fake_central_client.h"
#include "tests/support/fakes/fake_receipt_printer.h"
#include "tests/support/shipped_config.h"

namespace kiosk::testing {

inline devices::SocialSecurityCard ShenzhenCard() {
  devices::SocialSecurityCard card;
  card.card_identifier = "440300D156000005";
  card.card_type = "1";
  card.spec_version = "3.00";
  card.issuing_institution = "440300000000";
  card.issue_date = "2021-03-15";
  card.expiry_date = "2031-03-15";
  card.card_number = "SZ1234567";
  card.ssn = "440304198805126717";
  card.name = "张伟";
  card.gender = "male";
  card.nation = "01";
  card.birth_date = "1988-05-12";
  return card;
}

inline nlohmann::json InsuranceAnswer() {
  return nlohmann::json::parse(R"({
    "region": "440300", "region_name": "深圳市", "as_of": "2026-11-23T06:00:00Z",
    "citizen": {"name": "张伟", "ssn": "440304198805126717", "gender": "male", "birth_date": "1988-05-12"},
    "insurances": [
      {"code": "110", "type": "企业职工基本养老保险", "status": "参保缴费", "since": "2011-07",
       "contribution_months": 172, "employer": "深圳市南山科技有限公司",
       "last_payment": {"period": "2026-10", "base_cents": 1200000, "personal_cents": 96000,
                        "employer_cents": 192000, "paid_on": "2026-10-15"}},
      {"code": "310", "type": "职工基本医疗保险", "status": "参保缴费", "since": "2011-07",
       "contribution_months": 172}
    ]})");
}

class SessionHarness {
 public:
  // With `keep_records`, queries of read-only items go through a record
  // cache (sealed with a test key) as in the kiosk.
  explicit SessionHarness(bool keep_records = false) {
    LoadShippedConfig(config, catalog, texts);
    outbox_path =
        std::filesystem::temp_directory_path() / ("session-test-" + std::to_string(::getpid()) +
                                                  "-" + std::to_string(counter_++) + ".sqlite");
    auto opened = cache::Outbox::Open(outbox_path.string());
    if (!opened) throw std::runtime_error(opened.error().Describe());
    outbox = std::move(*opened);
    if (keep_records) {
      std::array<std::uint8_t, cache::SealingKey::kSize> key{};
      key.fill(0x5a);
      auto cache =
          cache::RecordCache::Open(outbox_path.string() + ".records",
                                   cache::SealingKey::FromBytes(key), std::chrono::hours(24 * 30));
      if (!cache) throw std::runtime_error(cache.error().Describe());
      record_cache = std::move(*cache);
    }
    central.SetQueryAnswer("insurance_record", InsuranceAnswer());
    auto sim_id_reader = devices::SimIdCardReader::Create(config.sim_id_cards_file);
    if (!sim_id_reader) throw std::runtime_error(sim_id_reader.error().Describe());
    id_reader = std::move(*sim_id_reader);
    SessionDependencies deps;
    deps.config = &config;
    deps.catalog = &catalog;
    deps.texts = &texts;
    deps.central = &central;
    deps.card_reader = &reader;
    deps.id_card_reader = id_reader.get();
    deps.receipt_printer = &printer;
    deps.outbox = outbox.get();
    deps.record_cache = record_cache.get();
    deps.clock = &clock;
    deps.tasks = &tasks;
    deps.unix_ms = [this] { return now_unix_ms.load(); };
    session = std::make_unique<Session>(deps);
    reader.SetEventHandler([this](devices::CardEvent event) {
      tasks.PostCompletion([this, event] { session->OnCardEvent(event); });
    });
    id_reader->SetEventHandler([this](devices::IdCardEvent event) {
      tasks.PostCompletion([this, event] { session->OnIdCardEvent(event); });
    });
  }
  ~SessionHarness() {
    id_reader->SetEventHandler({});
    session.reset();
    outbox.reset();
    record_cache.reset();
    std::error_code ignored;
    for (const char* store : {"", ".records"}) {
      for (const char* suffix : {"", "-wal", "-shm"}) {
        std::filesystem::remove(outbox_path.string() + store + suffix, ignored);
      }
    }
  }

  // Lets background work finish and delivers its results, as the UI loop does.
  void Settle() {
    for (int round = 0; round < 5; ++round) {
      tasks.WaitIdle();
      if (tasks.RunCompletions() == 0) break;
    }
  }
  void Advance(std::chrono::seconds by) {
    clock.Advance(by);
    session->Tick();
  }
  Screen screen() const { return session->CurrentScreen(); }

  KioskConfig config;
  Catalog catalog;
  TextTable texts;
  FakeCentralClient central;
  FakeCardReader reader;
  std::unique_ptr<devices::SimIdCardReader> id_reader;
  FakeReceiptPrinter printer;
  std::filesystem::path outbox_path;
  std::unique_ptr<cache::Outbox> outbox;
  std::unique_ptr<cache::RecordCache> record_cache;
  // Wall time for records and the cache (read on worker threads too).
  std::atomic<std::int64_t> now_unix_ms{1795420800000};
  ManualClock clock;
  TaskRunner tasks;
  std::unique_ptr<Session> session;

 private:
  static inline int counter_ = 0;
};

constexpr const char* kRecordQuery = "ssi.insurance_record_query";

}  // namespace kiosk::testing
