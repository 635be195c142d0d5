// The fleet view from stored heartbeats with an injected "now": online and
// stale by each kiosk's own interval, the problem flags, the fleet's
// common configuration version, problems sorted first, and the JSON.

#include "central/fleet_api.h"

#include <catch2/catch.hpp>

#include "central/kiosk_reports_api.h"

namespace kiosk::central::testing {
namespace {

constexpr std::int64_t kNow = 1'764'900'000'000;

HeartbeatSnapshot Healthy(const std::string& id) {
  HeartbeatSnapshot beat;
  beat.kiosk_id = id;
  beat.region = "442000";
  beat.software_version = "0.1.0";
  beat.config_version = 5;
  beat.interval_s = 60;
  beat.devices = {{"card_reader", "ok", ""}, {"receipt_printer", "ok", ""}};
  beat.queue.max_rows = 100;
  return beat;
}

KioskReport Stored(const HeartbeatSnapshot& beat, std::int64_t received_unix_ms) {
  return {beat.kiosk_id, kHeartbeatKind, received_unix_ms, HeartbeatJson(beat).dump()};
}

std::vector<std::string> FlagCodes(const FleetEntry& entry) {
  std::vector<std::string> codes;
  for (const FleetFlag& flag : entry.flags) codes.push_back(flag.code);
  return codes;
}

const FleetEntry& Find(const FleetView& view, const std::string& id) {
  for (const FleetEntry& entry : view.kiosks) {
    if (entry.kiosk_id == id) return entry;
  }
  FAIL("no kiosk " << id);
  throw std::logic_error("unreachable");
}

}  // namespace

TEST_CASE("a kiosk is stale after three of its own intervals without a heartbeat",
          "[central][fleet]") {
  HeartbeatSnapshot fast = Healthy("T-FAST");
  fast.interval_s = 10;
  HeartbeatSnapshot slow = Healthy("T-SLOW");
  slow.interval_s = 600;
  // Both last heard from 30 s ago: three of T-FAST's intervals, a
  // fraction of T-SLOW's.
  const FleetView view =
      BuildFleetView({Stored(fast, kNow - 30'000), Stored(slow, kNow - 30'000)}, kNow);
  CHECK(Find(view, "T-FAST").status == "stale");
  CHECK(Find(view, "T-FAST").severity == Severity::kFault);
  CHECK(Find(view, "T-FAST").age_s == 30);
  CHECK(Find(view, "T-SLOW").status == "online");
  CHECK(Find(view, "T-SLOW").severity == Severity::kNone);
  CHECK(view.online == 1);
  CHECK(view.stale == 1);

  // A moment earlier T-FAST was still online.
  const FleetView before = BuildFleetView({Stored(fast, kNow - 29'999)}, kNow);
  CHECK(before.kiosks[0].status == "online");
}

TEST_CASE("problems are flagged with their severity", "[central][fleet]") {
  HeartbeatSnapshot printer = Healthy("T-PRINTER");
  printer.devices[1] = {"receipt_printer", "fault", "paper_out"};
  printer.queue.dead = 2;
  printer.queue.near_full = true;
  HeartbeatSnapshot paused = Healthy("T-PAUSED");
  paused.in_service = false;
  paused.out_of_service_reason = "maintenance";
  paused.queue.accepting = false;
  paused.queue.near_full = true;  // Full wins: one flag, the fault.
  HeartbeatSnapshot low = Healthy("T-LOW");
  low.devices[1] = {"receipt_printer", "warning", "paper_near_end"};
  HeartbeatSnapshot old_config = Healthy("T-OLD");
  old_config.config_version = 4;

  const FleetView view =
      BuildFleetView({Stored(printer, kNow), Stored(paused, kNow), Stored(low, kNow),
                      Stored(old_config, kNow), Stored(Healthy("T-OK"), kNow)},
                     kNow);
  CHECK(FlagCodes(Find(view, "T-PRINTER")) ==
        std::vector<std::string>{"device_fault", "queue_near_full", "dead_letters"});
  CHECK(Find(view, "T-PRINTER").severity == Severity::kFault);
  CHECK(FlagCodes(Find(view, "T-PAUSED")) ==
        std::vector<std::string>{"out_of_service", "queue_full"});
  CHECK(FlagCodes(Find(view, "T-LOW")) == std::vector<std::string>{"device_warning"});
  CHECK(Find(view, "T-LOW").severity == Severity::kWarning);
  CHECK(view.common_config_version == 5);
  CHECK(FlagCodes(Find(view, "T-OLD")) == std::vector<std::string>{"config_version_differs"});
  CHECK(FlagCodes(Find(view, "T-OK")).empty());
  CHECK(view.faulty == 2);
  CHECK(view.warning == 2);
  CHECK(view.online == 5);
}

TEST_CASE("a tie for the common config version goes to the newest", "[central][fleet]") {
  HeartbeatSnapshot a = Healthy("T-A");
  a.config_version = 7;
  HeartbeatSnapshot b = Healthy("T-B");
  b.config_version = 6;
  const FleetView view = BuildFleetView({Stored(a, kNow), Stored(b, kNow)}, kNow);
  CHECK(view.common_config_version == 7);
  CHECK(FlagCodes(Find(view, "T-B")) == std::vector<std::string>{"config_version_differs"});
  CHECK(FlagCodes(Find(view, "T-A")).empty());
}

TEST_CASE("faults come first, then warnings, then the rest, each by kiosk id", "[central][fleet]") {
  HeartbeatSnapshot warn = Healthy("A-WARN");
  warn.queue.dead = 1;
  HeartbeatSnapshot fault = Healthy("Z-FAULT");
  fault.devices[0] = {"card_reader", "fault", "no_device"};
  HeartbeatSnapshot stale = Healthy("M-STALE");
  const FleetView view =
      BuildFleetView({Stored(Healthy("B-OK"), kNow), Stored(warn, kNow), Stored(fault, kNow),
                      Stored(Healthy("A-OK"), kNow), Stored(stale, kNow - 3'600'000)},
                     kNow);
  std::vector<std::string> order;
  for (const FleetEntry& entry : view.kiosks) order.push_back(entry.kiosk_id);
  CHECK(order == std::vector<std::string>{"M-STALE", "Z-FAULT", "A-WARN", "A-OK", "B-OK"});
}

TEST_CASE("a stored heartbeat that does not parse shows as invalid", "[central][fleet]") {
  const FleetView view =
      BuildFleetView({{"T-OLD", kHeartbeatKind, kNow, R"({"kiosk_id":"T-OLD"})"}}, kNow);
  REQUIRE(view.kiosks.size() == 1);
  CHECK(view.kiosks[0].status == "invalid");
  CHECK(view.kiosks[0].invalid_reason == "region is missing");
  CHECK_FALSE(view.kiosks[0].heartbeat);
  CHECK(view.faulty == 1);
}

TEST_CASE("the fleet JSON carries statuses, flags, summary and heartbeats", "[central][fleet]") {
  HeartbeatSnapshot printer = Healthy("T-PRINTER");
  printer.devices[1] = {"receipt_printer", "fault", "paper_out"};
  const nlohmann::json fleet = FleetJson(
      BuildFleetView({Stored(printer, kNow - 5'000), Stored(Healthy("T-OK"), kNow)}, kNow));
  CHECK(fleet["generated_unix_ms"] == kNow);
  CHECK(fleet["common_config_version"] == 5);
  CHECK(fleet["summary"] ==
        nlohmann::json{{"total", 2}, {"online", 2}, {"stale", 0}, {"fault", 1}, {"warning", 0}});
  REQUIRE(fleet["kiosks"].size() == 2);
  const nlohmann::json& first = fleet["kiosks"][0];
  CHECK(first["kiosk_id"] == "T-PRINTER");
  CHECK(first["status"] == "online");
  CHECK(first["severity"] == "fault");
  CHECK(first["age_s"] == 5);
  CHECK(first["flags"] == nlohmann::json::parse(R"([{"code":"device_fault","severity":"fault"}])"));
  CHECK(first["heartbeat"]["devices"][1]["detail"] == "paper_out");
  CHECK(fleet["kiosks"][1]["flags"].empty());

  CHECK(FleetJson(BuildFleetView({}, kNow))["common_config_version"].is_null());
}

TEST_CASE("a heartbeat report is validated before it is stored", "[central][fleet]") {
  auto store = KioskReportStore::Open(":memory:");
  REQUIRE(store);
  nlohmann::json beat = HeartbeatJson(Healthy("T-1"));
  beat["queue"].erase("pending");
  ApiResponse refused = HandleAddReport(**store, "T-1", "heartbeat", beat.dump(), kNow);
  CHECK(refused.status == 400);
  CHECK(nlohmann::json::parse(refused.body)["error"] ==
        nlohmann::json{{"code", "invalid_heartbeat"}, {"message", "queue.pending is missing"}});

  ApiResponse mismatch =
      HandleAddReport(**store, "T-2", "heartbeat", HeartbeatJson(Healthy("T-1")).dump(), kNow);
  CHECK(mismatch.status == 400);
  CHECK(nlohmann::json::parse(mismatch.body)["error"]["code"] == "kiosk_id_mismatch");

  // Other kinds are stored as before, whatever their shape.
  CHECK(HandleAddReport(**store, "T-1", "config", R"({"queue":1})", kNow).status == 201);
  CHECK(HandleAddReport(**store, "T-1", "heartbeat", HeartbeatJson(Healthy("T-1")).dump(), kNow)
            .status == 201);
  const nlohmann::json fleet = nlohmann::json::parse(HandleFleet(**store, kNow + 1000).body);
  REQUIRE(fleet["kiosks"].size() == 1);
  CHECK(fleet["kiosks"][0]["age_s"] == 1);
}

}  // namespace kiosk::central::testing
