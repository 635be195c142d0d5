// Per-keystroke latency of citizen search: the kiosk searches again on every
// key, so what matters is the time for each prefix of what a citizen types.
// Builds a synthetic catalog (deterministic), then types several realistic
// queries one character at a time and reports p50/p99/max per keystroke.
// Usage: search_bench [items=5000] [repetitions=200] [pinyin_table]

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <optional>
#include <string>
#include <vector>

#include "kiosk/core/search/pinyin_table.h"
#include "kiosk/core/search/search_index.h"
#include "kiosk/core/search/utf8.h"
#include "synthetic_catalog.h"

namespace {

using Clock = std::chrono::steady_clock;
using kiosk::search::SearchIndex;

double MicrosSince(Clock::time_point start) {
  return std::chrono::duration<double, std::micro>(Clock::now() - start).count();
}

struct Summary {
  double p50 = 0;
  double p99 = 0;
  double max = 0;
};

Summary Summarize(std::vector<double> micros) {
  std::sort(micros.begin(), micros.end());
  auto at = [&](double q) {
    return micros[static_cast<std::size_t>(q * static_cast<double>(micros.size() - 1))];
  };
  return {at(0.5), at(0.99), micros.back()};
}

// Terminal columns, for aligning the table: a hanzi takes two.
int DisplayWidth(const std::string& text) {
  int width = 0;
  for (char32_t code_point : kiosk::search::DecodeUtf8(text)) width += code_point >= 0x1100 ? 2 : 1;
  return width;
}

// "cbcx" → c, cb, cbc, cbcx; "社保卡" → 社, 社保, 社保卡 (whole characters).
std::vector<std::string> Keystrokes(const std::string& query) {
  std::vector<std::string> prefixes;
  std::string typed;
  for (char32_t code_point : kiosk::search::DecodeUtf8(query)) {
    kiosk::search::AppendUtf8(typed, code_point);
    prefixes.push_back(typed);
  }
  return prefixes;
}

}  // namespace

int main(int argc, char** argv) {
  const std::size_t items = argc > 1 ? std::stoul(argv[1]) : 5000;
  const int repetitions = argc > 2 ? std::stoi(argv[2]) : 200;
  const std::string table_path = argc > 3 ? argv[3]
                                          : std::string(KIOSK_CONFIG_DIR) + "/" +
                                                std::string(kiosk::search::kPinyinTableConfigPath);

  auto start = Clock::now();
  auto table = kiosk::search::PinyinTable::Load(table_path);
  const double load_ms = MicrosSince(start) / 1000;
  if (!table) {
    std::fprintf(stderr, "%s\n", table.error().Describe().c_str());
    return 1;
  }
  const auto catalog = kiosk::bench::SyntheticCatalog(items, 20240601);

  // Build a few times: the first pays for cold caches and allocation growth.
  std::vector<double> build_ms;
  std::optional<SearchIndex> index;
  for (int i = 0; i < 5; ++i) {
    start = Clock::now();
    auto built = SearchIndex::Build(catalog, *table);
    build_ms.push_back(MicrosSince(start) / 1000);
    if (!built) {
      std::fprintf(stderr, "%s\n", built.error().Describe().c_str());
      return 1;
    }
    index = std::move(*built);
  }
  std::sort(build_ms.begin(), build_ms.end());

  std::printf("search_bench: %zu items, %d repetitions per keystroke, limit 20\n", items,
              repetitions);
  std::printf("pinyin table load: %.1f ms (%zu characters)\n", load_ms, table->CharacterCount());
  std::printf("index build: median %.1f ms, min %.1f ms, max %.1f ms\n\n", build_ms[2],
              build_ms.front(), build_ms.back());
  std::printf("%-16s %6s %9s %9s %9s\n", "keystroke", "hits", "p50 us", "p99 us", "max us");

  const std::vector<std::string> queries = {"cbcx",         "yibao", "社保卡",
                                            "canbaochaxun", "gjj",   "shebaoka"};
  std::vector<double> all;
  for (const auto& query : queries) {
    for (const auto& typed : Keystrokes(query)) {
      (void)index->Search(typed, 20);  // Warm up.
      std::vector<double> micros;
      std::size_t hits = 0;
      for (int r = 0; r < repetitions; ++r) {
        start = Clock::now();
        hits = index->Search(typed, 20).size();
        micros.push_back(MicrosSince(start));
      }
      all.insert(all.end(), micros.begin(), micros.end());
      const Summary summary = Summarize(micros);
      std::printf("%s%*s %6zu %9.1f %9.1f %9.1f\n", typed.c_str(),
                  std::max(16 - DisplayWidth(typed), 1), "", hits, summary.p50, summary.p99,
                  summary.max);
    }
  }
  const Summary overall = Summarize(all);
  std::printf("\nall keystrokes: p50 %.1f us, p99 %.1f us, max %.1f us (%zu searches)\n",
              overall.p50, overall.p99, overall.max, all.size());
  return 0;
}
