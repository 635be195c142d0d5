// receipt_bench [RECEIPTS]: how long a receipt takes on the kiosk's side.
// (1) Filling the shipped example template with its data (template →
// ReceiptDocument) and encoding it for 80 mm (→ ESC/POS bytes), in process.
// (2) Whole jobs over TCP against the emulated printer: DLE EOT 1-4, the
// job, DLE EOT 1-4 again. The emulator prints at once; a real printer adds
// its print time (~150 mm/s on thermal heads) to the last status answer.

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "drivers/printer/escpos_encoder.h"
#include "drivers/printer/escpos_receipt_printer.h"
#include "drivers/printer/printer_transports.h"
#include "drivers/printer/receipt_template.h"
#include "tests/emulators/escpos_printer_emulator.h"

namespace {

using Clock = std::chrono::steady_clock;

double Percentile(std::vector<double> values, double p) {
  std::sort(values.begin(), values.end());
  return values[static_cast<std::size_t>(p * static_cast<double>(values.size() - 1))];
}

double MicrosecondsSince(Clock::time_point start) {
  return std::chrono::duration<double, std::micro>(Clock::now() - start).count();
}

}  // namespace

int main(int argc, char** argv) {
  const int receipts = argc > 1 ? std::stoi(argv[1]) : 2000;
  const std::string folder = std::string(KIOSK_CONFIG_DIR) + "/receipts";
  auto data = kiosk::devices::ReadJsonFile(folder + "/social_insurance_payment.example-data.json");
  if (!data) {
    std::fprintf(stderr, "cannot read the example receipt's data\n");
    return 1;
  }
  // Loaded from its file so its logo is found next to it.
  auto parsed = kiosk::devices::LoadReceiptTemplate(folder + "/social_insurance_payment.json");
  if (!parsed) {
    std::fprintf(stderr, "%s\n", parsed.error().Describe().c_str());
    return 1;
  }
  const auto profile = kiosk::devices::Generic80mmProfile();

  // (1) Render and encode.
  std::vector<double> render_us;
  std::vector<double> encode_us;
  std::size_t job_bytes = 0;
  for (int i = 0; i < receipts; ++i) {
    const auto start = Clock::now();
    auto document = kiosk::devices::RenderReceipt(*parsed, *data);
    const auto rendered = Clock::now();
    auto job = kiosk::devices::EncodeReceipt(*document, profile);
    encode_us.push_back(MicrosecondsSince(rendered));
    render_us.push_back(std::chrono::duration<double, std::micro>(rendered - start).count());
    if (!job) return 1;
    job_bytes = job->size();
  }
  std::printf("render template: p50 %.1f us, p99 %.1f us\n", Percentile(render_us, 0.5),
              Percentile(render_us, 0.99));
  std::printf("encode ESC/POS (%zu bytes): p50 %.1f us, p99 %.1f us\n", job_bytes,
              Percentile(encode_us, 0.5), Percentile(encode_us, 0.99));

  // (2) Whole jobs over TCP.
  auto emulator = kiosk::emulators::EscPosPrinterEmulator::ListenTcp();
  if (!emulator) return 1;
  auto transport = kiosk::devices::ConnectTcpPrinter("127.0.0.1", (*emulator)->Port(),
                                                     std::chrono::milliseconds(1000));
  if (!transport) return 1;
  kiosk::devices::EscPosReceiptPrinter printer(std::move(*transport), profile);
  auto document = kiosk::devices::RenderReceipt(*parsed, *data);
  const int jobs = std::max(1, receipts / 10);
  std::vector<double> job_ms;
  for (int i = 0; i < jobs; ++i) {
    const auto start = Clock::now();
    if (auto printed = printer.Print(*document); !printed) {
      std::fprintf(stderr, "%s\n", printed.error().Describe().c_str());
      return 1;
    }
    job_ms.push_back(MicrosecondsSince(start) / 1000.0);
  }
  std::printf("whole job over TCP (status, job, status), %d jobs: p50 %.2f ms, p99 %.2f ms\n", jobs,
              Percentile(job_ms, 0.5), Percentile(job_ms, 0.99));
  return 0;
}
