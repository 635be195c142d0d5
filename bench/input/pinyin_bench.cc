// How long the pinyin keyboard makes a citizen wait: creating a
// LibPinyinEngine (libpinyin loads its dictionaries; done once at start-up)
// and the candidate lookup the keyboard does on every letter, for each
// prefix of a few realistic inputs, and choosing a candidate.
// Usage: pinyin_bench [creations=20] [repetitions=50]

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>
#include <vector>

#include "bench/bench_support.h"
#include "kiosk/core/input/libpinyin_engine.h"

namespace {

using Clock = std::chrono::steady_clock;
using kiosk::input::LibPinyinEngine;

double MillisSince(Clock::time_point start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

}  // namespace

int main(int argc, char** argv) {
  const int creations = argc > 1 ? std::atoi(argv[1]) : 20;
  const int repetitions = argc > 2 ? std::atoi(argv[2]) : 50;

  std::vector<double> create_ms;
  for (int i = 0; i < creations; ++i) {
    const Clock::time_point start = Clock::now();
    std::unique_ptr<LibPinyinEngine> engine = kiosk::bench::Must(LibPinyinEngine::Create());
    create_ms.push_back(MillisSince(start));
  }
  kiosk::bench::Report("create engine (pinyin_init + instance)", create_ms);

  std::unique_ptr<LibPinyinEngine> engine = kiosk::bench::Must(LibPinyinEngine::Create());
  engine->SetPageSize(8);
  // A name, an address, a service, a long run-together sentence.
  const std::vector<std::string> inputs = {"zhangsan", "shenzhenshifutianqu", "shebaoka",
                                           "zhonghuarenmingongheguo", "xian"};
  std::vector<double> all_ms;
  for (const std::string& input : inputs) {
    std::vector<double> per_key_ms;
    std::size_t candidates = 0;
    for (int r = 0; r < repetitions; ++r) {
      for (std::size_t length = 1; length <= input.size(); ++length) {
        const Clock::time_point start = Clock::now();
        kiosk::bench::Must(engine->SetInput(input.substr(0, length)));
        per_key_ms.push_back(MillisSince(start));
      }
      candidates = engine->AllCandidates().size();
    }
    all_ms.insert(all_ms.end(), per_key_ms.begin(), per_key_ms.end());
    kiosk::bench::Report(
        "lookup per letter \"" + input + "\" (" + std::to_string(candidates) + " cand.)",
        per_key_ms);
    std::printf("  first page: ");
    for (const std::string& candidate : engine->PageCandidates()) {
      std::printf("%s ", candidate.c_str());
    }
    std::printf("\n");
  }
  kiosk::bench::Report("lookup per letter, all inputs", all_ms);

  // Choosing 张 out of "zhangsan": includes the lookup of "san".
  kiosk::bench::Must(engine->SetInput("zhangsan"));
  const auto page = engine->PageCandidates();
  const auto zhang = std::find(page.begin(), page.end(), "张");
  if (zhang == page.end()) {
    std::fprintf(stderr, "no 张 on the first page for zhangsan\n");
    return 1;
  }
  const auto index = static_cast<std::size_t>(zhang - page.begin());
  std::vector<double> choose_ms;
  for (int r = 0; r < repetitions; ++r) {
    kiosk::bench::Must(engine->SetInput("zhangsan"));
    const Clock::time_point start = Clock::now();
    kiosk::bench::Must(engine->Choose(index));
    choose_ms.push_back(MillisSince(start));
  }
  kiosk::bench::Report("choose 张 in zhangsan (+ lookup of san)", choose_ms);
  engine->Reset();
  return 0;
}
