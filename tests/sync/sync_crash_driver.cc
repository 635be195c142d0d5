// The kiosk side of the crash test: the real Outbox, DeliveryWorker and
// HttpCentralClient, as the kiosk program wires them, queueing
// submissions while the worker delivers them in the background. The test
// SIGKILLs it at random moments.
//
// It prints "ACK <idempotency-key>" only after Enqueue returned, that is
// after the row's commit was synced: from that line on the submission is
// the kiosk's promise to the citizen.
//
// usage: sync_crash_driver --data-dir DIR --central URL [--enqueue N]
//                          [--drain-timeout S]
// Exits 0 once it queued N rows and the outbox has nothing left to send
// (none pending or in flight), 3 if the drain timed out, 1 on a failure.

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

#include "common/uuid.h"
#include "kiosk/core/central/http_central_client.h"
#include "kiosk/core/session/submission_envelope.h"
#include "kiosk/core/sync/delivery_worker.h"
#include "offline_cache/outbox.h"

namespace {

// Two regions, so the per-region delivery is part of what is tested.
constexpr const char* kRegions[] = {"440300", "442000"};

std::int64_t NowUnixMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

struct Options {
  std::string data_dir;
  std::string central;
  int enqueue = 0;
  int drain_timeout_s = 60;
};

bool Parse(int argc, char** argv, Options& options) {
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string flag = argv[i];
    const std::string value = argv[i + 1];
    if (flag == "--data-dir") {
      options.data_dir = value;
    } else if (flag == "--central") {
      options.central = value;
    } else if (flag == "--enqueue") {
      options.enqueue = std::stoi(value);
    } else if (flag == "--drain-timeout") {
      options.drain_timeout_s = std::stoi(value);
    } else {
      return false;
    }
  }
  return argc % 2 == 1 && !options.data_dir.empty() && !options.central.empty();
}

}  // namespace

int main(int argc, char** argv) {
  Options options;
  if (!Parse(argc, argv, options)) {
    std::fprintf(stderr,
                 "usage: %s --data-dir DIR --central URL [--enqueue N] "
                 "[--drain-timeout S]\n",
                 argv[0]);
    return 2;
  }
  std::filesystem::create_directories(options.data_dir);
  // Sealed like the kiosk's: the key is made on the first run (written
  // whole and renamed, so a kill while making it leaves no half key).
  auto outbox = kiosk::cache::Outbox::OpenSealed(
      options.data_dir + "/outbox.sqlite", options.data_dir + "/outbox.key",
      kiosk::cache::Outbox::KeyCreation::kCreateIfMissing);
  if (!outbox) {
    std::fprintf(stderr, "%s\n", outbox.error().Describe().c_str());
    return 1;
  }
  kiosk::HttpClientOptions client_options;
  client_options.kiosk_id = "CRASH-TEST-KIOSK";
  // Shorter than the central's stall, so a stall is a timeout here.
  client_options.connect_timeout = std::chrono::milliseconds(300);
  client_options.request_timeout = std::chrono::milliseconds(400);
  for (const char* region : kRegions) client_options.region_endpoints[region] = options.central;
  kiosk::HttpCentralClient central(client_options);
  kiosk::DeliveryPolicy policy;
  policy.first_backoff = std::chrono::milliseconds(10);
  policy.max_backoff = std::chrono::milliseconds(200);
  policy.idle_poll = std::chrono::milliseconds(20);
  kiosk::DeliveryWorker worker(**outbox, central, policy, NowUnixMs);
  worker.Start();

  for (int i = 0; i < options.enqueue; ++i) {
    const std::int64_t now = NowUnixMs();
    const auto submission =
        kiosk::BuildSubmission({.idempotency_key = kiosk::NewUuid(),
                                .region = kRegions[i % 2],
                                .kind = "child_card_application",
                                .item_id = "ssc.child_card_application",
                                .bundle_id = {},
                                .kiosk_id = client_options.kiosk_id,
                                .identity = {{"method", "id_card"}},
                                .fields = {{"child_name", "测试" + std::to_string(i)}},
                                .submitted_at_ms = now});
    auto queued = (*outbox)->Enqueue(submission, now);
    if (!queued) {
      std::fprintf(stderr, "%s\n", queued.error().Describe().c_str());
      return 1;
    }
    std::printf("ACK %s\n", submission.idempotency_key.c_str());
    std::fflush(stdout);
    worker.Nudge();
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }

  const auto deadline =
      std::chrono::steady_clock::now() + std::chrono::seconds(options.drain_timeout_s);
  while (std::chrono::steady_clock::now() < deadline) {
    auto counts = (*outbox)->Counts();
    if (!counts) {
      std::fprintf(stderr, "%s\n", counts.error().Describe().c_str());
      return 1;
    }
    if (counts->pending + counts->in_flight == 0) {
      worker.Stop();
      std::printf("DRAINED delivered=%d dead=%d\n", counts->delivered, counts->dead);
      return 0;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  worker.Stop();
  return 3;
}
