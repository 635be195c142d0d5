// What the kiosk's parts put into a heartbeat: device reports as device
// lines, and the real outbox (SQLite in a temp directory) as the queue.

#include "kiosk/core/fleet/heartbeat_sources.h"

#include <catch2/catch.hpp>

#include "tests/support/temp_dir.h"

namespace kiosk {
namespace {

using devices::DeviceClass;
using devices::DeviceReport;
using devices::DeviceState;
using devices::PaperState;

DeviceReport Printer(DeviceState state, PaperState paper) {
  DeviceReport report;
  report.device_class = DeviceClass::kReceiptPrinter;
  report.backend = "serial";
  report.state = state;
  report.paper = paper;
  return report;
}

cache::NewSubmission Rating(int n) {
  return {"key-" + std::to_string(n), "442000", "service_rating", "ssi.insurance_record_query",
          R"({"level":5})"};
}

}  // namespace

TEST_CASE("device reports become heartbeat lines with codes", "[fleet][sources]") {
  const DeviceHeartbeat ok = DeviceHeartbeatFrom(Printer(DeviceState::kOnline, PaperState::kFull));
  CHECK(ok.device == "receipt_printer");
  CHECK(ok.state == "ok");
  CHECK(ok.detail.empty());

  const DeviceHeartbeat low = DeviceHeartbeatFrom(Printer(DeviceState::kOnline, PaperState::kLow));
  CHECK(low.state == "warning");
  CHECK(low.detail == "paper_near_end");

  const DeviceHeartbeat out = DeviceHeartbeatFrom(Printer(DeviceState::kOnline, PaperState::kOut));
  CHECK(out.state == "fault");
  CHECK(out.detail == "paper_out");

  const DeviceHeartbeat jammed =
      DeviceHeartbeatFrom(Printer(DeviceState::kUserError, PaperState::kJammed));
  CHECK(jammed.detail == "paper_jammed");

  DeviceReport reader;
  reader.device_class = DeviceClass::kCardReader;
  reader.backend = "pcsc";
  reader.state = DeviceState::kNoDevice;
  reader.detail = "no reader matches \"ACS\"";  // Free text stays on the kiosk.
  const DeviceHeartbeat missing = DeviceHeartbeatFrom(reader);
  CHECK(missing.device == "card_reader");
  CHECK(missing.state == "fault");
  CHECK(missing.detail == "no_device");

  reader.backend = "none";  // Not fitted: nothing to repair.
  CHECK(DeviceHeartbeatFrom(reader).state == "absent");
}

TEST_CASE("the outbox's counts, bounds and oldest row make the queue line", "[fleet][sources]") {
  testing::TempDir dir("heartbeat-outbox");
  cache::OutboxOptions options;
  options.max_rows = 10;
  auto opened = cache::Outbox::Open(dir.File("outbox.sqlite"), options);
  REQUIRE(opened);
  cache::Outbox& outbox = **opened;

  auto empty = QueueHeartbeatFrom(outbox, 50'000);
  REQUIRE(empty);
  CHECK(empty->pending == 0);
  CHECK(empty->oldest_pending_age_s == 0);
  CHECK(empty->max_rows == 10);
  CHECK_FALSE(empty->near_full);
  CHECK(empty->accepting);

  for (int n = 0; n < 9; ++n) REQUIRE(outbox.Enqueue(Rating(n), 10'000 + n * 1000));
  auto claimed = outbox.ClaimNextDue("", 20'000);
  REQUIRE((claimed && claimed->has_value()));
  REQUIRE(outbox.MarkDead((*claimed)->id, "rejected"));
  auto in_flight = outbox.ClaimNextDue("", 20'000);
  REQUIRE((in_flight && in_flight->has_value()));

  auto near_full = QueueHeartbeatFrom(outbox, 71'000);
  REQUIRE(near_full);
  CHECK(near_full->pending == 7);
  CHECK(near_full->in_flight == 1);
  CHECK(near_full->dead == 1);
  CHECK(near_full->rows == 9);
  CHECK(near_full->used_bytes > 0);
  // The oldest waiting row is the one in flight, enqueued at 11 s.
  CHECK(near_full->oldest_pending_age_s == 60);
  CHECK(near_full->near_full);  // 9 of 10 rows: 90 %.
  CHECK(near_full->accepting);

  REQUIRE(outbox.Enqueue(Rating(9), 30'000));
  auto full = QueueHeartbeatFrom(outbox, 71'000);
  REQUIRE(full);
  CHECK(full->rows == 10);
  CHECK_FALSE(full->accepting);
}

}  // namespace kiosk
