#pragma once

// Records the documents it is asked to print; can be out of paper.

#include <mutex>
#include <vector>

#include "drivers/printer/receipt_printer.h"

namespace kiosk::testing {

class FakeReceiptPrinter final : public devices::ReceiptPrinter {
 public:
  devices::PrinterStatus Status() override {
    std::lock_guard lock(mutex_);
    devices::PrinterStatus status;
    status.device = devices::DeviceState::kOnline;
    status.paper = paper_;
    status.cover = devices::CoverState::kClosed;
    return status;
  }
  Result<void> Print(const devices::ReceiptDocument& document) override {
    std::lock_guard lock(mutex_);
    if (paper_ == devices::PaperState::kOut) {
      return std::unexpected(Error(ErrorCode::kDeviceNotReady, "paper out"));
    }
    printed_.push_back(document);
    return {};
  }
  void SetPaper(devices::PaperState paper) {
    std::lock_guard lock(mutex_);
    paper_ = paper;
  }
  std::vector<devices::ReceiptDocument> Printed() {
    std::lock_guard lock(mutex_);
    return printed_;
  }

 private:
  std::mutex mutex_;
  devices::PaperState paper_ = devices::PaperState::kFull;
  std::vector<devices::ReceiptDocument> printed_;
};

}  // namespace kiosk::testing
