#pragma once

// Records the A4 documents (template id and data) it is asked to print;
// can be made to fail like a stopped CUPS queue.

#include <mutex>
#include <optional>
#include <utility>
#include <vector>

#include "kiosk/core/records/a4_document.h"

namespace kiosk::testing {

class FakeA4Printer final : public A4DocumentPrinter {
 public:
  Result<void> PrintDocument(const std::string& template_id, const nlohmann::json& data) override {
    std::lock_guard lock(mutex_);
    if (failure_) return std::unexpected(*failure_);
    printed_.emplace_back(template_id, data);
    return {};
  }
  void FailWith(std::optional<Error> failure) {
    std::lock_guard lock(mutex_);
    failure_ = std::move(failure);
  }
  std::vector<std::pair<std::string, nlohmann::json>> Printed() {
    std::lock_guard lock(mutex_);
    return printed_;
  }

 private:
  std::mutex mutex_;
  std::optional<Error> failure_;
  std::vector<std::pair<std::string, nlohmann::json>> printed_;
};

}  // namespace kiosk::testing
