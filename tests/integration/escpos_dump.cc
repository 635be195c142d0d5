// Decodes an ESC/POS byte file (what the simulated receipt printer wrote)
// into text, one job after another, so shell tests can check receipts.
// Exit status 1 when the stream has undecodable commands.

#include <cstdio>
#include <fstream>
#include <iterator>
#include <vector>

#include "tests/support/escpos_decoder.h"

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: escpos_dump FILE\n");
    return 2;
  }
  std::ifstream in(argv[1], std::ios::binary);
  if (!in) {
    std::fprintf(stderr, "escpos_dump: cannot open %s\n", argv[1]);
    return 2;
  }
  std::vector<std::uint8_t> bytes((std::istreambuf_iterator<char>(in)),
                                  std::istreambuf_iterator<char>());
  auto stream = kiosk::testing::DecodeEscPos(bytes);
  for (std::size_t j = 0; j < stream.jobs.size(); ++j) {
    const auto& job = stream.jobs[j];
    std::printf("=== job %zu (%zu lines, %zu cuts)\n", j + 1, job.lines.size(), job.cuts.size());
    for (const auto& line : job.lines) std::printf("%s\n", line.text.c_str());
  }
  for (const auto& error : stream.errors) std::fprintf(stderr, "decode error: %s\n", error.c_str());
  return stream.errors.empty() ? 0 : 1;
}
