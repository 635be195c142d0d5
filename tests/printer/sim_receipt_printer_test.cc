#include "drivers/printer/sim_receipt_printer.h"

#include <unistd.h>

#include <atomic>
#include <catch2/catch.hpp>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <thread>
#include <vector>

#include "drivers/printer/escpos_encoder.h"
#include "tests/printer/decode_helpers.h"
#include "tests/support/temp_dir.h"

namespace kiosk::devices {
namespace {

using Bytes = std::vector<std::uint8_t>;

using kiosk::testing::TempDir;

Bytes ReadFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return Bytes(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

ReceiptDocument Receipt(const std::string& name) {
  return ReceiptDocument{{Title{"参保凭证"}, KeyValue{"姓名", name}, Cut{}}};
}

TEST_CASE("the simulated printer appends whole jobs to its file", "[printer][sim]") {
  TempDir dir;
  const auto output = dir / "printer.bin";
  SimReceiptPrinter printer(output, Generic80mmProfile());

  const PrinterStatus status = printer.Status();
  CHECK(status.device == DeviceState::kOnline);
  CHECK(status.paper == PaperState::kFull);
  CHECK(status.cover == CoverState::kClosed);
  CHECK(printer.JobsPrinted() == 0);

  REQUIRE(printer.Print(Receipt("张三")).has_value());
  const Bytes first = ReadFile(output);
  CHECK(first == EncodeReceipt(Receipt("张三"), Generic80mmProfile()).value());

  REQUIRE(printer.Print(Receipt("李四")).has_value());
  CHECK(printer.JobsPrinted() == 2);
  const Bytes both = ReadFile(output);
  REQUIRE(both.size() > first.size());
  CHECK(Bytes(both.begin(), both.begin() + static_cast<std::ptrdiff_t>(first.size())) == first);

  const testing::DecodedStream decoded = testing::DecodeFor(Generic80mmProfile(), both);
  REQUIRE(decoded.jobs.size() == 2);
  CHECK(decoded.jobs[0].lines.at(1).text.ends_with("张三"));
  CHECK(decoded.jobs[1].lines.at(1).text.ends_with("李四"));
  CHECK(decoded.jobs[0].cuts.size() == 1);
  CHECK(decoded.jobs[1].cuts.size() == 1);
}

TEST_CASE("the simulated printer never truncates an existing file", "[printer][sim]") {
  TempDir dir;
  const auto output = dir / "printer.bin";
  const Bytes earlier = EncodeReceipt(Receipt("earlier"), Generic58mmProfile()).value();
  {
    std::ofstream out(output, std::ios::binary);
    out.write(reinterpret_cast<const char*>(earlier.data()),
              static_cast<std::streamsize>(earlier.size()));
  }
  SimReceiptPrinter printer(output, Generic58mmProfile());
  REQUIRE(printer.Print(Receipt("later")).has_value());
  const testing::DecodedStream decoded = testing::DecodeFor(Generic58mmProfile(), ReadFile(output));
  REQUIRE(decoded.jobs.size() == 2);
  CHECK(decoded.jobs[0].lines.at(1).text.ends_with("earlier"));
  CHECK(decoded.jobs[1].lines.at(1).text.ends_with("later"));
}

TEST_CASE("the simulated printer refuses jobs it cannot print", "[printer][sim]") {
  TempDir dir;
  const auto output = dir / "printer.bin";
  SimReceiptPrinter printer(output, Generic80mmProfile());
  REQUIRE(printer.Print(Receipt("first")).has_value());
  const Bytes before = ReadFile(output);

  auto expect_refused = [&](ErrorCode code, const std::string& reason) {
    auto printed = printer.Print(Receipt("refused"));
    REQUIRE_FALSE(printed.has_value());
    CHECK(printed.error().code == code);
    CHECK_THAT(printed.error().detail, Catch::Contains(reason));
    CHECK(ReadFile(output) == before);
    CHECK(printer.JobsPrinted() == 1);
  };

  SECTION("paper out") {
    printer.SetPaper(PaperState::kOut);
    CHECK(printer.Status().paper == PaperState::kOut);
    expect_refused(ErrorCode::kDeviceNotReady, "paper out");
    printer.SetPaper(PaperState::kFull);
    CHECK(printer.Print(Receipt("refilled")).has_value());
  }
  SECTION("cover open") {
    printer.SetCover(CoverState::kOpen);
    CHECK(printer.Status().cover == CoverState::kOpen);
    expect_refused(ErrorCode::kDeviceNotReady, "cover open");
  }
  SECTION("offline") {
    printer.SetOnline(false);
    CHECK(printer.Status().device == DeviceState::kOffline);
    expect_refused(ErrorCode::kDeviceNotReady, "printer is offline");
    printer.SetOnline(true);
    CHECK(printer.Print(Receipt("back")).has_value());
  }
  SECTION("paper jammed") {
    printer.SetPaper(PaperState::kJammed);
    expect_refused(ErrorCode::kDevice, "paper jammed");
  }
  SECTION("a document the encoder rejects") {
    auto printed = printer.Print(ReceiptDocument{{Text{"bad\xFF"}}});
    REQUIRE_FALSE(printed.has_value());
    CHECK(printed.error().code == ErrorCode::kInvalidData);
    CHECK(ReadFile(output) == before);
    CHECK(printer.JobsPrinted() == 1);
  }
}

TEST_CASE("the simulated printer still prints when paper is low", "[printer][sim]") {
  TempDir dir;
  const auto output = dir / "printer.bin";
  SimReceiptPrinter printer(output, Generic80mmProfile());
  printer.SetPaper(PaperState::kLow);
  REQUIRE(printer.Print(Receipt("low")).has_value());
  CHECK(printer.JobsPrinted() == 1);
  CHECK(testing::DecodeFor(Generic80mmProfile(), ReadFile(output)).jobs.size() == 1);
}

TEST_CASE("the simulated printer reports a file it cannot write", "[printer][sim]") {
  TempDir dir;
  SimReceiptPrinter printer(dir / "missing-dir" / "printer.bin", Generic80mmProfile());
  auto printed = printer.Print(Receipt("x"));
  REQUIRE_FALSE(printed.has_value());
  CHECK(printed.error().code == ErrorCode::kIo);
  CHECK_THAT(printed.error().detail, Catch::Contains("missing-dir"));
  CHECK(printer.JobsPrinted() == 0);
}

TEST_CASE("jobs from several threads stay whole", "[printer][sim]") {
  TempDir dir;
  const auto output = dir / "printer.bin";
  SimReceiptPrinter printer(output, Generic80mmProfile());
  constexpr int kThreads = 4;
  constexpr int kJobsEach = 10;
  // Catch2 assertions are not thread-safe: the workers only count failures.
  std::atomic<int> failures = 0;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&printer, &failures, t] {
      for (int j = 0; j < kJobsEach; ++j) {
        // Flip the paper state meanwhile; kLow must not stop anything.
        printer.SetPaper(j % 2 == 0 ? PaperState::kLow : PaperState::kFull);
        (void)printer.Status();
        if (!printer.Print(Receipt(std::to_string(t * 100 + j)))) ++failures;
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  CHECK(failures == 0);
  CHECK(printer.JobsPrinted() == kThreads * kJobsEach);
  const testing::DecodedStream decoded = testing::DecodeFor(Generic80mmProfile(), ReadFile(output));
  REQUIRE(decoded.jobs.size() == kThreads * kJobsEach);
  for (const testing::DecodedJob& job : decoded.jobs) {
    CHECK(job.lines.size() == 2);
    CHECK(job.cuts.size() == 1);
  }
}

}  // namespace
}  // namespace kiosk::devices
