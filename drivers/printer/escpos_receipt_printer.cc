#include "drivers/printer/escpos_receipt_printer.h"

#include <fmt/format.h>

#include <thread>
#include <utility>

#include "common/log.h"
#include "drivers/printer/escpos_encoder.h"
#include "drivers/printer/escpos_status.h"

namespace kiosk::devices {
namespace {

constexpr std::string_view kLogComponent = "printer";

std::unexpected<Error> Refuse(ErrorCode code, std::string detail, std::string reason) {
  return std::unexpected(Error(code, std::move(detail), std::move(reason)));
}

// Why a printer in `status` cannot take a job, with a stable reason code.
Result<void> CheckReady(const PrinterStatus& status, std::string_view when) {
  const std::string detail =
      status.detail.empty() ? std::string(when) : fmt::format("{}: {}", when, status.detail);
  if (status.device == DeviceState::kNoDevice) {
    return Refuse(ErrorCode::kDeviceNotReady, detail, "printer_gone");
  }
  if (status.device == DeviceState::kHardwareError || status.paper == PaperState::kJammed) {
    return Refuse(ErrorCode::kDevice, detail, "printer_error");
  }
  if (status.paper == PaperState::kOut) {
    return Refuse(ErrorCode::kDeviceNotReady, detail, "paper_out");
  }
  if (status.cover == CoverState::kOpen) {
    return Refuse(ErrorCode::kDeviceNotReady, detail, "cover_open");
  }
  if (status.device != DeviceState::kOnline) {
    return Refuse(ErrorCode::kDeviceNotReady, detail, "printer_offline");
  }
  return {};
}

}  // namespace

EscPosReceiptPrinter::EscPosReceiptPrinter(std::unique_ptr<PrinterTransport> transport,
                                           PrinterProfile profile, EscPosTimings timings)
    : transport_(std::move(transport)), profile_(std::move(profile)), timings_(timings) {
  last_status_.detail = "not asked yet: " + transport_->Describe();
}

PrinterStatus EscPosReceiptPrinter::Status() {
  std::lock_guard lock(state_mutex_);
  return last_status_;
}

void EscPosReceiptPrinter::Remember(const PrinterStatus& status) {
  std::lock_guard lock(state_mutex_);
  last_status_ = status;
}

Result<PrinterStatus> EscPosReceiptPrinter::Query() {
  transport_->DiscardInput();
  escpos::StatusBytes bytes;
  const std::pair<escpos::StatusQuery, std::optional<std::uint8_t>*> queries[] = {
      {escpos::StatusQuery::kPrinter, &bytes.printer},
      {escpos::StatusQuery::kOfflineCause, &bytes.offline_cause},
      {escpos::StatusQuery::kErrorCause, &bytes.error_cause},
      {escpos::StatusQuery::kPaper, &bytes.paper}};
  for (const auto& [query, answer] : queries) {
    const auto request = escpos::StatusRequest(query);
    if (auto written = transport_->Write(request, timings_.status_timeout); !written) {
      return std::unexpected(written.error());
    }
    std::uint8_t byte = 0;
    auto read = transport_->Read(std::span(&byte, 1), timings_.status_timeout);
    if (!read) return std::unexpected(read.error());
    if (*read == 1) *answer = byte;
    // No answer to n = 1 means nothing else will be answered either.
    if (*read == 0 && query == escpos::StatusQuery::kPrinter) break;
  }
  auto status = escpos::DecodeStatus(bytes);
  if (!status) {
    return Fail(status.error().code,
                fmt::format("{}: {}", transport_->Describe(), status.error().detail));
  }
  status->detail = status->detail.empty()
                       ? transport_->Describe()
                       : fmt::format("{}: {}", transport_->Describe(), status->detail);
  return status;
}

PrinterStatus EscPosReceiptPrinter::Refresh() {
  std::lock_guard job_lock(job_mutex_);
  PrinterStatus status;
  if (!profile_.dle_eot_status) {
    status.device = DeviceState::kOnline;
    status.detail = fmt::format("{}: profile '{}' has no DLE EOT status", transport_->Describe(),
                                profile_.name);
    Remember(status);
    return status;
  }
  if (auto queried = Query()) {
    status = std::move(*queried);
  } else {
    status.device = DeviceState::kNoDevice;
    status.detail = queried.error().detail;
  }
  Remember(status);
  return status;
}

Result<void> EscPosReceiptPrinter::SendJob(const std::vector<std::uint8_t>& job) {
  if (!profile_.dle_eot_status) return SendBlind(job);
  auto before = Query();
  if (!before) {
    Remember(PrinterStatus{.detail = before.error().detail});
    log::Warning(kLogComponent, "job refused: {}", before.error().detail);
    return Refuse(ErrorCode::kDeviceNotReady, "no status before the job: " + before.error().detail,
                  "printer_gone");
  }
  Remember(*before);
  if (auto ready = CheckReady(*before, "before the job"); !ready) {
    log::Warning(kLogComponent, "job refused: {}", ready.error().detail);
    return ready;
  }
  if (auto written = transport_->Write(job, timings_.write_timeout); !written) {
    log::Error(kLogComponent, "job failed: {}", written.error().detail);
    Remember(PrinterStatus{.detail = written.error().detail});
    return Refuse(written.error().code == ErrorCode::kTimeout ? ErrorCode::kTimeout : ErrorCode::kIo,
                  "job not delivered: " + written.error().detail, "printer_gone");
  }
  if (timings_.settle_delay.count() > 0) std::this_thread::sleep_for(timings_.settle_delay);
  auto after = Query();
  if (!after) {
    Remember(PrinterStatus{.detail = after.error().detail});
    log::Error(kLogComponent, "no status after the job: {}", after.error().detail);
    return Refuse(ErrorCode::kIo, "no status after the job: " + after.error().detail,
                  "printer_gone");
  }
  Remember(*after);
  if (auto ready = CheckReady(*after, "after the job"); !ready) {
    Error error = ready.error();
    if (error.reason == "paper_out" || error.reason == "cover_open") {
      error.reason = error.reason == "paper_out" ? "paper_out_during_job" : "cover_opened_during_job";
      error.code = ErrorCode::kDevice;
    }
    log::Error(kLogComponent, "job failed: {} ({})", error.detail, error.reason);
    return std::unexpected(error);
  }
  log::Info(kLogComponent, "job printed ({} bytes) on {}", job.size(), transport_->Describe());
  return {};
}

Result<void> EscPosReceiptPrinter::SendBlind(const std::vector<std::uint8_t>& job) {
  PrinterStatus status{.device = DeviceState::kOnline,
                       .detail = fmt::format("{}: profile '{}' has no DLE EOT status",
                                             transport_->Describe(), profile_.name)};
  if (auto written = transport_->Write(job, timings_.write_timeout); !written) {
    status.device = DeviceState::kNoDevice;
    status.detail = written.error().detail;
    Remember(status);
    log::Error(kLogComponent, "job failed: {}", written.error().detail);
    return Refuse(written.error().code == ErrorCode::kTimeout ? ErrorCode::kTimeout : ErrorCode::kIo,
                  "job not delivered: " + written.error().detail, "printer_gone");
  }
  Remember(status);
  log::Info(kLogComponent, "job sent ({} bytes) to {} without status checks", job.size(),
            transport_->Describe());
  return {};
}

Result<void> EscPosReceiptPrinter::Print(const ReceiptDocument& document) {
  auto job = EncodeReceipt(document, profile_);
  if (!job) {
    log::Error(kLogComponent, "cannot encode the receipt: {}", job.error().detail);
    return std::unexpected(job.error());
  }
  std::lock_guard job_lock(job_mutex_);
  auto sent = SendJob(*job);
  {
    std::lock_guard lock(state_mutex_);
    last_job_ = std::move(*job);
  }
  return sent;
}

Result<void> EscPosReceiptPrinter::Reprint() {
  std::lock_guard job_lock(job_mutex_);
  std::vector<std::uint8_t> job;
  {
    std::lock_guard lock(state_mutex_);
    job = last_job_;
  }
  if (job.empty()) return Fail(ErrorCode::kSequence, "no receipt was printed yet");
  return SendJob(job);
}

bool EscPosReceiptPrinter::HasLastJob() const {
  std::lock_guard lock(state_mutex_);
  return !last_job_.empty();
}

}  // namespace kiosk::devices
