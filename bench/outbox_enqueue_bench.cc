// Measures how long a citizen waits for "accepted": one durable outbox
// enqueue (SQLite WAL, synchronous=FULL). Prints p50/p99/max over N rows.
// Usage: outbox_enqueue_bench [rows] [dir]

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

#include "common/uuid.h"
#include "offline_cache/outbox.h"

int main(int argc, char** argv) {
  const int rows = argc > 1 ? std::stoi(argv[1]) : 2000;
  const std::filesystem::path dir = argc > 2 ? argv[2] : std::filesystem::temp_directory_path();
  const std::string path = (dir / "outbox-bench.sqlite").string();
  for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path + suffix);
  // Sealed, as on the kiosk: the figures include AES-256-GCM.
  kiosk::cache::OutboxOptions outbox_options;
  outbox_options.max_rows = 1'000'000;
  auto outbox = kiosk::cache::Outbox::OpenSealed(
      path, path + ".key", kiosk::cache::Outbox::KeyCreation::kCreateIfMissing, outbox_options);
  if (!outbox) {
    std::fprintf(stderr, "%s\n", outbox.error().Describe().c_str());
    return 1;
  }
  const std::string body(600, 'x');  // About the size of a real submission.
  std::vector<double> micros;
  micros.reserve(static_cast<std::size_t>(rows));
  for (int i = 0; i < rows; ++i) {
    kiosk::cache::NewSubmission submission{kiosk::NewUuid(), "440300", "service_rating", "item",
                                           body};
    auto start = std::chrono::steady_clock::now();
    auto queued = (*outbox)->Enqueue(submission, i);
    auto elapsed = std::chrono::steady_clock::now() - start;
    if (!queued) {
      std::fprintf(stderr, "%s\n", queued.error().Describe().c_str());
      return 1;
    }
    micros.push_back(std::chrono::duration<double, std::micro>(elapsed).count());
  }
  std::sort(micros.begin(), micros.end());
  auto at = [&](double q) { return micros[static_cast<std::size_t>(q * (micros.size() - 1))]; };
  std::printf("outbox enqueue (WAL, synchronous=FULL) rows=%d p50=%.0fus p99=%.0fus max=%.0fus\n",
              rows, at(0.5), at(0.99), micros.back());
  for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path + suffix);
  return 0;
}
