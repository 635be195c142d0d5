// The heartbeat's JSON: what HeartbeatJson writes, ParseHeartbeat reads
// back unchanged, and a malformed heartbeat is refused naming its field.

#include <catch2/catch.hpp>

#include "kiosk/core/fleet/heartbeat.h"

namespace kiosk {
namespace {

HeartbeatSnapshot FullSnapshot() {
  HeartbeatSnapshot snapshot;
  snapshot.kiosk_id = "ZS-24H-HALL1-T03";
  snapshot.region = "442000";
  snapshot.software_version = "0.1.0";
  snapshot.config_version = 7;
  snapshot.uptime_s = 93'784;
  snapshot.interval_s = 45;
  snapshot.in_service = false;
  snapshot.out_of_service_reason = "maintenance";
  snapshot.devices = {{"card_reader", "ok", ""},
                      {"receipt_printer", "fault", "paper_out"},
                      {"barcode_reader", "absent", ""}};
  snapshot.queue = {3, 1, 2, 600, 9'500, 10'000, 19, 20, true, false};
  snapshot.last_contact_unix_ms = {{"442000", 1'764'900'000'000}, {"440300", 0}};
  snapshot.audit_seq = 1234;
  snapshot.audit_hash = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
  snapshot.sent_unix_ms = 1'764'900'123'456;
  return snapshot;
}

}  // namespace

TEST_CASE("a heartbeat survives its JSON round trip field by field", "[fleet][heartbeat]") {
  const HeartbeatSnapshot sent = FullSnapshot();
  // Through text, as it travels.
  auto parsed = ParseHeartbeat(nlohmann::json::parse(HeartbeatJson(sent).dump()));
  REQUIRE(parsed);
  CHECK(parsed->kiosk_id == sent.kiosk_id);
  CHECK(parsed->region == "442000");
  CHECK(parsed->software_version == "0.1.0");
  CHECK(parsed->config_version == 7);
  CHECK(parsed->uptime_s == 93'784);
  CHECK(parsed->interval_s == 45);
  CHECK_FALSE(parsed->in_service);
  CHECK(parsed->out_of_service_reason == "maintenance");
  REQUIRE(parsed->devices.size() == 3);
  CHECK(parsed->devices[1].device == "receipt_printer");
  CHECK(parsed->devices[1].state == "fault");
  CHECK(parsed->devices[1].detail == "paper_out");
  CHECK(parsed->devices[2].state == "absent");
  CHECK(parsed->queue.pending == 3);
  CHECK(parsed->queue.in_flight == 1);
  CHECK(parsed->queue.dead == 2);
  CHECK(parsed->queue.oldest_pending_age_s == 600);
  CHECK(parsed->queue.used_bytes == 9'500);
  CHECK(parsed->queue.max_bytes == 10'000);
  CHECK(parsed->queue.rows == 19);
  CHECK(parsed->queue.max_rows == 20);
  CHECK(parsed->queue.near_full);
  CHECK_FALSE(parsed->queue.accepting);
  CHECK(parsed->last_contact_unix_ms == sent.last_contact_unix_ms);
  CHECK(parsed->audit_seq == 1234);
  CHECK(parsed->audit_hash == sent.audit_hash);
  CHECK(parsed->sent_unix_ms == 1'764'900'123'456);
  // And back to the same JSON.
  CHECK(HeartbeatJson(*parsed) == HeartbeatJson(sent));
}

TEST_CASE("a malformed heartbeat is refused naming the field", "[fleet][heartbeat]") {
  const nlohmann::json good = HeartbeatJson(FullSnapshot());
  const auto refusal = [](const nlohmann::json& document) {
    auto parsed = ParseHeartbeat(document);
    REQUIRE_FALSE(parsed);
    CHECK(parsed.error().code == ErrorCode::kInvalidData);
    return parsed.error().detail;
  };
  CHECK(refusal(nlohmann::json::array()) == "a heartbeat is a JSON object");

  nlohmann::json broken = good;
  broken.erase("kiosk_id");
  CHECK(refusal(broken) == "kiosk_id is missing");
  broken = good;
  broken["kiosk_id"] = "";
  CHECK(refusal(broken) == "kiosk_id must not be empty");
  broken = good;
  broken["interval_s"] = 0;
  CHECK(refusal(broken) == "interval_s must be an integer of 1 or more");
  broken = good;
  broken.erase("interval_s");
  CHECK(refusal(broken) == "interval_s is missing");
  broken = good;
  broken["uptime_s"] = "long";
  CHECK(refusal(broken) == "uptime_s must be an integer of 0 or more");
  broken = good;
  broken["in_service"] = 1;
  CHECK(refusal(broken) == "in_service must be true or false");
  broken = good;
  broken["queue"]["pending"] = -1;
  CHECK(refusal(broken) == "queue.pending must be an integer of 0 or more");
  broken = good;
  broken["queue"]["near_full"] = "yes";
  CHECK(refusal(broken) == "queue.near_full must be true or false");
  broken = good;
  broken.erase("queue");
  CHECK(refusal(broken) == "queue is missing");
  broken = good;
  broken["devices"][1]["state"] = "on_fire";
  CHECK(refusal(broken) == "devices[1].state \"on_fire\" is not one of ok, warning, fault, absent");
  broken = good;
  broken["devices"][0].erase("device");
  CHECK(refusal(broken) == "devices[0].device is missing");
  broken = good;
  broken["devices"] = "all fine";
  CHECK(refusal(broken) == "devices must be an array");
  broken = good;
  broken["last_contact_unix_ms"]["442000"] = 1.5;
  CHECK(refusal(broken) == "last_contact_unix_ms.442000 must be an integer of 0 or more");
  broken = good;
  broken["audit_hash"] = "not-hex";
  CHECK(refusal(broken) == "audit_hash must be hexadecimal digits");
  broken = good;
  broken["software_version"] = std::string(65, 'v');
  CHECK(refusal(broken) == "software_version is longer than 64 bytes");
}

TEST_CASE("a heartbeat with fields this side does not know is still read", "[fleet][heartbeat]") {
  nlohmann::json newer = HeartbeatJson(FullSnapshot());
  newer["battery_percent"] = 80;  // Something a later kiosk might add.
  newer.erase("devices");         // Optional: a kiosk with no device manager.
  auto parsed = ParseHeartbeat(newer);
  REQUIRE(parsed);
  CHECK(parsed->devices.empty());
  CHECK(parsed->kiosk_id == "ZS-24H-HALL1-T03");
}

}  // namespace kiosk
