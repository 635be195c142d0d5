#pragma once

// What the benchmarks share: percentiles of timings, one printed line per
// measure, reading a file, and stopping on a failed setup step.

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "common/error.h"

namespace kiosk::bench {

inline double Percentile(std::vector<double> values, double p) {
  std::sort(values.begin(), values.end());
  return values[static_cast<std::size_t>(p * static_cast<double>(values.size() - 1))];
}

// "<what> runs=N p50=… ms p99=… ms max=… ms"
inline void Report(const std::string& what, const std::vector<double>& ms) {
  std::printf("%-44s runs=%zu p50=%.3f ms p99=%.3f ms max=%.3f ms\n", what.c_str(), ms.size(),
              Percentile(ms, 0.50), Percentile(ms, 0.99), Percentile(ms, 1.0));
}

inline std::string ReadFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

// A benchmark's setup must work; a failure ends it with the reason.
template <typename T>
T Must(Result<T> result) {
  if (!result) {
    std::fprintf(stderr, "%s\n", result.error().Describe().c_str());
    std::exit(1);
  }
  return std::move(*result);
}

inline void Must(Result<void> result) {
  if (!result) {
    std::fprintf(stderr, "%s\n", result.error().Describe().c_str());
    std::exit(1);
  }
}

}  // namespace kiosk::bench
