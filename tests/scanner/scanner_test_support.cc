#include "tests/scanner/scanner_test_support.h"

#include <stdlib.h>

#include <catch2/catch.hpp>
#include <cstdio>
#include <memory>

namespace kiosk::devices::testing {

std::string ShellQuote(const std::string& text) {
  std::string quoted = "'";
  for (char c : text) {
    if (c == '\'') {
      quoted += "'\\''";
    } else {
      quoted += c;
    }
  }
  return quoted + "'";
}

int RunCommand(const std::string& command, std::string* output) {
  struct PipeCloser {
    void operator()(std::FILE* pipe) const {
      if (pipe != nullptr) ::pclose(pipe);
    }
  };
  std::FILE* pipe = ::popen((command + " 2>&1").c_str(), "r");
  if (pipe == nullptr) return -1;
  char buffer[512];
  std::string text;
  std::size_t got;
  while ((got = std::fread(buffer, 1, sizeof buffer, pipe)) > 0) text.append(buffer, got);
  const int status = ::pclose(pipe);
  if (output != nullptr) *output = text;
  if (status == -1 || !WIFEXITED(status)) return -1;
  return WEXITSTATUS(status);
}

void WriteQrPng(const std::filesystem::path& file, const std::string& text, int module_pixels) {
  std::string output;
  const int status = RunCommand("qrencode -o " + ShellQuote(file.string()) + " -s " +
                                    std::to_string(module_pixels) + " " + ShellQuote(text),
                                &output);
  INFO("qrencode (Debian package qrencode): " << output);
  REQUIRE(status == 0);
}

void ScanCollector::Attach(BarcodeScanner& scanner) {
  scanner.SetScanHandler([this](ScanEvent event) {
    std::lock_guard lock(mutex_);
    scans_.push_back(std::move(event));
    changed_.notify_all();
  });
  scanner.SetStateHandler([this](ScannerState state) {
    std::lock_guard lock(mutex_);
    states_.push_back(state);
    changed_.notify_all();
  });
}

std::vector<ScanEvent> ScanCollector::WaitForScans(std::size_t count,
                                                   std::chrono::milliseconds timeout) {
  std::unique_lock lock(mutex_);
  changed_.wait_for(lock, timeout, [&] { return scans_.size() >= count; });
  return scans_;
}

bool ScanCollector::WaitForState(ScannerState state, std::chrono::milliseconds timeout) {
  std::unique_lock lock(mutex_);
  return changed_.wait_for(lock, timeout, [&] {
    for (ScannerState seen : states_) {
      if (seen == state) return true;
    }
    return false;
  });
}

std::size_t ScanCollector::ScanCount() {
  std::lock_guard lock(mutex_);
  return scans_.size();
}

}  // namespace kiosk::devices::testing
