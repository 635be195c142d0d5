#include "drivers/scanner/sim_barcode_scanner.h"

#include <fstream>
#include <nlohmann/json.hpp>

namespace kiosk::devices {

Result<std::map<std::string, std::string>> LoadSimLicenceCodes(const std::string& licenses_file) {
  std::ifstream in(licenses_file);
  if (!in) return Fail(ErrorCode::kIo, "cannot open simulated licence file " + licenses_file);
  auto document = nlohmann::json::parse(in, nullptr, /*allow_exceptions=*/false);
  if (document.is_discarded() || !document.contains("businesses") ||
      !document["businesses"].is_array()) {
    return Fail(ErrorCode::kInvalidData,
                licenses_file + ": expected an object with a \"businesses\" array");
  }
  std::map<std::string, std::string> codes;
  for (std::size_t i = 0; i < document["businesses"].size(); ++i) {
    const auto& entry = document["businesses"][i];
    for (const char* field : {"id", "qr_payload"}) {
      if (!entry.contains(field) || !entry[field].is_string()) {
        return Fail(ErrorCode::kInvalidData, licenses_file + ": business #" + std::to_string(i) +
                                                 " lacks string field " + field);
      }
    }
    const std::string id = entry["id"];
    if (!codes.emplace(id, entry["qr_payload"].get<std::string>()).second) {
      return Fail(ErrorCode::kInvalidData, licenses_file + ": duplicate business id " + id);
    }
  }
  return codes;
}

Result<std::unique_ptr<SimBarcodeScanner>> SimBarcodeScanner::Create(
    const std::string& licenses_file) {
  auto codes = LoadSimLicenceCodes(licenses_file);
  if (!codes) return std::unexpected(codes.error());
  return std::unique_ptr<SimBarcodeScanner>(new SimBarcodeScanner(std::move(*codes)));
}

SimBarcodeScanner::SimBarcodeScanner(std::map<std::string, std::string> licences)
    : licences_(std::move(licences)), events_(ScannerState::kOff) {}

Result<void> SimBarcodeScanner::StartScanning() {
  if (events_.State() == ScannerState::kInoperative) {
    return Fail(ErrorCode::kDeviceNotReady, "the simulated scanner is unplugged");
  }
  events_.ChangeState(ScannerState::kOn);
  return {};
}

void SimBarcodeScanner::StopScanning() {
  if (events_.State() == ScannerState::kOn) events_.ChangeState(ScannerState::kOff);
}

Result<void> SimBarcodeScanner::Scan(std::string payload, Symbology symbology) {
  const ScannerState state = events_.State();
  if (state != ScannerState::kOn) {
    return Fail(ErrorCode::kDeviceNotReady,
                std::string("the simulated scanner is ") + ToString(state) + ": code ignored");
  }
  SimScanFault fault;
  {
    std::lock_guard lock(mutex_);
    fault = fault_;
    fault_ = SimScanFault::kNone;
  }
  switch (fault) {
    case SimScanFault::kNone: events_.Publish(MakeScanEvent(symbology, std::move(payload))); break;
    case SimScanFault::kGarbled:
      if (payload.empty()) payload.push_back('?');
      payload[payload.size() / 2] = '\xFF';
      events_.Publish(MakeScanEvent(symbology, std::move(payload)));
      break;
    case SimScanFault::kIncomplete:
      payload.resize(payload.size() / 2);
      events_.Publish(MakeRefusedScanEvent(
          symbology, std::move(payload),
          Error(ErrorCode::kInvalidData, "simulated: key code 183 types no character",
                scan_reason::kIncompleteScan)));
      break;
  }
  return {};
}

Result<void> SimBarcodeScanner::ScanLicence(const std::string& id) {
  const auto found = licences_.find(id);
  if (found == licences_.end()) {
    return Fail(ErrorCode::kNotFound, "no simulated business licence with id '" + id + "'");
  }
  return Scan(found->second, Symbology::kQrCode);
}

void SimBarcodeScanner::SetFault(SimScanFault fault) {
  std::lock_guard lock(mutex_);
  fault_ = fault;
}

void SimBarcodeScanner::SetUnplugged(bool unplugged) {
  if (unplugged) {
    events_.ChangeState(ScannerState::kInoperative);
  } else if (events_.State() == ScannerState::kInoperative) {
    events_.ChangeState(ScannerState::kOff);
  }
}

std::vector<std::string> SimBarcodeScanner::LicenceIds() const {
  std::vector<std::string> ids;
  for (const auto& [id, code] : licences_) ids.push_back(id);
  return ids;
}

}  // namespace kiosk::devices
