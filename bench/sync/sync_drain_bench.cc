// How fast a kiosk catches up after an outage: a backlog of N queued
// submissions (default 10,000) drained by the real DeliveryWorker and
// HttpCentralClient to a real kiosk-central on loopback. Prints rows per
// second. (Durable enqueue latency is bench/outbox_enqueue_bench.)
// Usage: sync_drain_bench KIOSK_CENTRAL_BINARY [rows] [dir]

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "common/uuid.h"
#include "kiosk/core/central/http_central_client.h"
#include "kiosk/core/session/submission_envelope.h"
#include "kiosk/core/sync/delivery_worker.h"
#include "offline_cache/outbox.h"

extern char** environ;

namespace {

std::int64_t NowUnixMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

// Starts kiosk-central on a free port; returns its pid and port (0 on failure).
std::pair<pid_t, int> StartCentral(const std::string& binary, const std::filesystem::path& dir) {
  const std::string port_file = (dir / "port").string();
  std::vector<std::string> args = {
      binary, "--port", "0", "--port-file", port_file, "--db", (dir / "central.sqlite").string()};
  std::vector<char*> argv;
  for (auto& arg : args) argv.push_back(arg.data());
  argv.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  // Its request log would cost more than the requests.
  posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, "/dev/null", O_WRONLY, 0);
  pid_t pid = -1;
  const int error = posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (error != 0) return {-1, 0};
  for (int i = 0; i < 1500; ++i) {
    std::ifstream in(port_file);
    int port = 0;
    if (in >> port && port > 0) return {pid, port};
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  kill(pid, SIGKILL);
  return {pid, 0};
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: %s KIOSK_CENTRAL_BINARY [rows] [dir]\n", argv[0]);
    return 2;
  }
  const int rows = argc > 2 ? std::stoi(argv[2]) : 10000;
  const std::filesystem::path dir =
      std::filesystem::path(argc > 3 ? argv[3] : std::filesystem::temp_directory_path()) /
      ("sync-drain-bench-" + std::to_string(getpid()));
  std::filesystem::create_directories(dir);

  auto [pid, port] = StartCentral(argv[1], dir);
  if (port == 0) {
    std::fprintf(stderr, "kiosk-central did not start\n");
    return 1;
  }
  // Sealed, as on the kiosk: the figures include AES-256-GCM.
  kiosk::cache::OutboxOptions outbox_options;
  outbox_options.max_rows = 1'000'000;
  auto outbox = kiosk::cache::Outbox::OpenSealed(
      (dir / "outbox.sqlite").string(), (dir / "outbox.key").string(),
      kiosk::cache::Outbox::KeyCreation::kCreateIfMissing, outbox_options);
  if (!outbox) {
    std::fprintf(stderr, "%s\n", outbox.error().Describe().c_str());
    return 1;
  }
  const char* regions[] = {"440300", "442000"};
  for (int i = 0; i < rows; ++i) {
    const auto submission =
        kiosk::BuildSubmission({.idempotency_key = kiosk::NewUuid(),
                                .region = regions[i % 2],
                                .kind = "child_card_application",
                                .item_id = "ssc.child_card_application",
                                .bundle_id = {},
                                .kiosk_id = "BENCH-KIOSK",
                                .identity = {{"method", "id_card"}, {"ssn", "440300201501010012"}},
                                .fields = {{"child_name", "王小明"},
                                           {"guardian_relation", "parent"},
                                           {"mailing_address", "广东省中山市东区中山四路 1 号"}},
                                .submitted_at_ms = NowUnixMs()});
    if (auto queued = (*outbox)->Enqueue(submission, 0); !queued) {
      std::fprintf(stderr, "%s\n", queued.error().Describe().c_str());
      return 1;
    }
  }

  kiosk::HttpClientOptions options;
  options.kiosk_id = "BENCH-KIOSK";
  for (const char* region : regions) {
    options.region_endpoints[region] = "http://127.0.0.1:" + std::to_string(port);
  }
  kiosk::HttpCentralClient central(options);
  kiosk::DeliveryWorker worker(**outbox, central, kiosk::DeliveryPolicy{}, NowUnixMs);
  const auto start = std::chrono::steady_clock::now();
  int attempted = 0;
  while (true) {
    auto counts = (*outbox)->Counts();
    if (!counts || counts->pending == 0) break;
    const int pass = worker.DeliverDue();
    attempted += pass;
    if (pass == 0) break;
  }
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  auto counts = (*outbox)->Counts();
  std::printf("sync drain: rows=%d delivered=%d attempts=%d seconds=%.2f rate=%.0f rows/s\n", rows,
              counts ? counts->delivered : -1, attempted, seconds,
              counts ? counts->delivered / seconds : 0.0);
  kill(pid, SIGTERM);
  waitpid(pid, nullptr, 0);
  std::filesystem::remove_all(dir);
  return counts && counts->delivered == rows ? 0 : 1;
}
