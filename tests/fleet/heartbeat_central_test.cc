// The kiosk's heartbeat through the real HeadquartersClient (libcurl) to
// the real kiosk-central program, read back from GET /v1/fleet; then the
// same sender while kiosk-central is down.

#include <httplib.h>

#include <catch2/catch.hpp>
#include <condition_variable>
#include <mutex>

#include "kiosk/core/central/headquarters_client.h"
#include "kiosk/core/fleet/heartbeat_sender.h"
#include "kiosk/core/fleet/heartbeat_sources.h"
#include "tests/support/temp_dir.h"
#include "tests/sync/central_process.h"

namespace kiosk {
namespace {

using namespace std::chrono_literals;

// Counts finished sends so the test can wait for the next outcome.
class SendLog {
 public:
  void Record(bool ok) {
    std::lock_guard lock(mutex_);
    outcomes_.push_back(ok);
    done_.notify_all();
  }
  // The outcome of send number `n` (1-based); fails the test after a minute.
  bool Outcome(std::size_t n) {
    std::unique_lock lock(mutex_);
    REQUIRE(done_.wait_for(lock, 60s, [&] { return outcomes_.size() >= n; }));
    return outcomes_[n - 1];
  }

 private:
  std::mutex mutex_;
  std::condition_variable done_;
  std::vector<bool> outcomes_;
};

nlohmann::json Fleet(const std::string& url) {
  httplib::Client client(url);
  auto reply = client.Get("/v1/fleet");
  REQUIRE(reply);
  REQUIRE(reply->status == 200);
  return nlohmann::json::parse(reply->body);
}

}  // namespace

TEST_CASE("the heartbeat reaches kiosk-central and shows in the fleet", "[fleet][central]") {
  testing::TempDir dir("heartbeat-central");
  testing::CentralProcess central(dir.Path().string(), {});

  // The kiosk's outbox with a dead letter, and a printer out of paper.
  auto outbox = cache::Outbox::Open(dir.File("outbox.sqlite"));
  REQUIRE(outbox);
  REQUIRE((*outbox)->Enqueue({"k1", "442000", "service_rating", "item", R"({"level":1})"}, 1000));
  auto claimed = (*outbox)->ClaimNextDue("", 1000);
  REQUIRE((claimed && claimed->has_value()));
  REQUIRE((*outbox)->MarkDead((*claimed)->id, "rejected"));
  devices::DeviceReport printer;
  printer.device_class = devices::DeviceClass::kReceiptPrinter;
  printer.backend = "sim";
  printer.state = devices::DeviceState::kOnline;
  printer.paper = devices::PaperState::kOut;

  HeadquartersOptions options;
  options.api_endpoint = central.Url();
  options.kiosk_id = "ZS-T07";
  HeadquartersClient headquarters(options);
  SendLog sends;
  HeartbeatSender sender(
      [&] {
        HeartbeatSnapshot snapshot;
        snapshot.kiosk_id = "ZS-T07";
        snapshot.region = "442000";
        snapshot.software_version = "0.1.0";
        snapshot.config_version = 4;
        snapshot.devices = {DeviceHeartbeatFrom(printer)};
        // No REQUIRE on the sender's thread (Catch2 asserts on the test's
        // own); a failed read shows below as a queue without its dead letter.
        if (auto queue = QueueHeartbeatFrom(**outbox, 61'000)) snapshot.queue = *queue;
        snapshot.audit_seq = 12;
        snapshot.audit_hash = "00ff";
        return snapshot;
      },
      [&](const nlohmann::json& beat) {
        Result<void> sent = headquarters.Report("heartbeat", beat);
        sends.Record(sent.has_value());
        return sent;
      },
      1h);
  sender.Start();
  REQUIRE(sends.Outcome(1));

  const nlohmann::json fleet = Fleet(central.Url());
  REQUIRE(fleet["kiosks"].size() == 1);
  const nlohmann::json& kiosk = fleet["kiosks"][0];
  CHECK(kiosk["kiosk_id"] == "ZS-T07");
  CHECK(kiosk["status"] == "online");
  CHECK(kiosk["severity"] == "fault");
  CHECK(kiosk["heartbeat"]["interval_s"] == 3600);
  CHECK(kiosk["heartbeat"]["queue"]["dead"] == 1);
  CHECK(kiosk["heartbeat"]["queue"]["oldest_pending_age_s"] == 0);
  CHECK(kiosk["heartbeat"]["devices"][0]["detail"] == "paper_out");
  CHECK(kiosk["heartbeat"]["audit_seq"] == 12);
  std::vector<std::string> flags;
  for (const auto& flag : kiosk["flags"]) flags.push_back(flag["code"]);
  CHECK(flags == std::vector<std::string>{"device_fault", "dead_letters"});
  CHECK(fleet["summary"]["online"] == 1);
  CHECK(fleet["summary"]["fault"] == 1);

  // Headquarters goes away: the next heartbeat fails and is counted.
  central.Stop();
  sender.Nudge();
  CHECK_FALSE(sends.Outcome(2));
  sender.Stop();  // Joins: both outcomes are recorded by the sender now.
  CHECK(sender.ConsecutiveFailures() == 1);
  CHECK(sender.LastSuccessUnixMs() == kiosk["heartbeat"]["sent_unix_ms"]);
}

TEST_CASE("kiosk-central refuses a malformed heartbeat and says why", "[fleet][central]") {
  testing::TempDir dir("heartbeat-central");
  testing::CentralProcess central(dir.Path().string(), {});
  HeadquartersOptions options;
  options.api_endpoint = central.Url();
  options.kiosk_id = "ZS-T07";
  HeadquartersClient headquarters(options);

  HeartbeatSnapshot snapshot;
  snapshot.kiosk_id = "ZS-T07";
  snapshot.region = "442000";
  snapshot.software_version = "0.1.0";
  nlohmann::json beat = HeartbeatJson(snapshot);
  beat["queue"]["dead"] = -2;
  auto refused = headquarters.Report("heartbeat", beat);
  REQUIRE_FALSE(refused);
  CHECK(refused.error().code == ErrorCode::kServerRejected);
  CHECK(refused.error().reason == "invalid_heartbeat");
  CHECK(refused.error().detail.find("queue.dead must be an integer of 0 or more") !=
        std::string::npos);

  snapshot.kiosk_id = "ZS-T08";  // Another kiosk's name on this kiosk's path.
  auto mismatch = headquarters.Report("heartbeat", HeartbeatJson(snapshot));
  REQUIRE_FALSE(mismatch);
  CHECK(mismatch.error().reason == "kiosk_id_mismatch");

  CHECK(Fleet(central.Url())["kiosks"].empty());
}

}  // namespace kiosk
