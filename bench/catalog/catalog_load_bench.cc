// Catalog load + validate for the shipped catalog, and building its search
// index (pinyin table included): what a kiosk pays at start-up and on each
// configuration update. Prints p50/p99/max over repeated runs.

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

#include "kiosk/core/catalog/catalog.h"
#include "kiosk/core/catalog/catalog_search.h"

namespace {

using Clock = std::chrono::steady_clock;

double Percentile(std::vector<double> values, double p) {
  std::sort(values.begin(), values.end());
  const auto index = static_cast<std::size_t>(p * static_cast<double>(values.size() - 1));
  return values[index];
}

void Report(const char* what, const std::vector<double>& ms) {
  std::printf("%-34s runs=%zu p50=%.2f ms p99=%.2f ms max=%.2f ms\n", what, ms.size(),
              Percentile(ms, 0.50), Percentile(ms, 0.99), Percentile(ms, 1.0));
}

}  // namespace

int main(int argc, char** argv) {
  const std::string config = argc > 1 ? argv[1] : KIOSK_CONFIG_DIR;
  const int runs = argc > 2 ? std::stoi(argv[2]) : 50;
  std::vector<double> load_ms;
  std::vector<double> index_ms;
  std::size_t items = 0;
  for (int run = 0; run < runs; ++run) {
    const auto start = Clock::now();
    auto catalog = kiosk::Catalog::Load(config + "/catalog");
    const auto loaded = Clock::now();
    if (!catalog) {
      std::fprintf(stderr, "%s\n", catalog.error().Describe().c_str());
      return 1;
    }
    items = catalog->Items().size();
    auto search = kiosk::CatalogSearch::Create(*catalog, config + "/search/hanzi_pinyin.txt");
    const auto indexed = Clock::now();
    if (!search) {
      std::fprintf(stderr, "%s\n", search.error().Describe().c_str());
      return 1;
    }
    load_ms.push_back(std::chrono::duration<double, std::milli>(loaded - start).count());
    index_ms.push_back(std::chrono::duration<double, std::milli>(indexed - loaded).count());
  }
  std::printf("shipped catalog: %zu items\n", items);
  Report("catalog load + validate", load_ms);
  Report("search index (pinyin table + build)", index_ms);
  return 0;
}
