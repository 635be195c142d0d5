#include "kiosk/app/sim_devices.h"

namespace kiosk {
namespace {

std::unexpected<Error> Usage(const std::vector<std::string>& words, const char* expected) {
  std::string said;
  for (const auto& word : words) said += (said.empty() ? "" : " ") + word;
  return Fail(ErrorCode::kInvalidArgument, "\"" + said + "\": expected " + expected);
}

std::unexpected<Error> NotFitted(const char* device) {
  return Fail(ErrorCode::kDeviceNotReady,
              std::string("the hardware profile fits no ") + device + " (or it is not open yet)");
}

}  // namespace

devices::DeviceOpeners SimDevices::Openers(SimDeviceFiles files) {
  devices::DeviceOpeners openers;
  openers.card_reader =
      [this, file = files.social_security_cards](
          const devices::DeviceSpec&) -> Result<std::unique_ptr<devices::CardReader>> {
    auto reader = devices::SimCardReader::Create(file);
    if (!reader) return std::unexpected(reader.error());
    card_reader_ = reader->get();
    return std::unique_ptr<devices::CardReader>(std::move(*reader));
  };
  openers.id_card_reader =
      [this, file = files.id_cards](
          const devices::DeviceSpec&) -> Result<std::unique_ptr<devices::IdCardReader>> {
    auto reader = devices::SimIdCardReader::Create(file);
    if (!reader) return std::unexpected(reader.error());
    id_card_reader_ = reader->get();
    return std::unique_ptr<devices::IdCardReader>(std::move(*reader));
  };
  openers.barcode_reader =
      [this, file = files.business_licences](
          const devices::DeviceSpec&) -> Result<std::unique_ptr<devices::BarcodeScanner>> {
    auto scanner = devices::SimBarcodeScanner::Create(file);
    if (!scanner) return std::unexpected(scanner.error());
    scanner_ = scanner->get();
    return std::unique_ptr<devices::BarcodeScanner>(std::move(*scanner));
  };
  openers.receipt_printer =
      [this, output = files.receipt_output, profile = files.receipt_profile](
          const devices::DeviceSpec&) -> Result<std::unique_ptr<devices::ReceiptPrinter>> {
    auto printer = std::make_unique<devices::SimReceiptPrinter>(output, profile);
    receipt_printer_ = printer.get();
    return std::unique_ptr<devices::ReceiptPrinter>(std::move(printer));
  };
  return openers;
}

void SimDevices::Forget(devices::DeviceClass device_class) {
  switch (device_class) {
    case devices::DeviceClass::kCardReader: card_reader_ = nullptr; break;
    case devices::DeviceClass::kIdCardReader: id_card_reader_ = nullptr; break;
    case devices::DeviceClass::kBarcodeReader: scanner_ = nullptr; break;
    case devices::DeviceClass::kReceiptPrinter: receipt_printer_ = nullptr; break;
  }
}

Result<void> SimDevices::Apply(const std::vector<std::string>& words) {
  if (words.empty()) return Usage(words, "a device");
  Result<void> applied;
  if (words[0] == "card") {
    applied = ApplyCard(words);
  } else if (words[0] == "idcard") {
    applied = ApplyIdCard(words);
  } else if (words[0] == "scanner") {
    applied = ApplyScanner(words);
  } else if (words[0] == "printer") {
    applied = ApplyPrinter(words);
  } else {
    return Usage(words, "card, idcard, scanner or printer");
  }
  if (applied && after_change_) after_change_();
  return applied;
}

Result<void> SimDevices::ApplyCard(const std::vector<std::string>& words) {
  if (card_reader_ == nullptr) return NotFitted("social security card reader");
  const std::string action = words.size() > 1 ? words[1] : "";
  const std::string value = words.size() > 2 ? words[2] : "";
  if (action == "insert" && words.size() == 3) return card_reader_->Insert(value);
  if (words.size() == 2 && action == "remove") {
    card_reader_->Remove();
    return {};
  }
  if (words.size() == 2 && (action == "unplug" || action == "plug")) {
    card_reader_->SetState(action == "plug" ? devices::DeviceState::kOnline
                                            : devices::DeviceState::kNoDevice);
    return {};
  }
  if (action == "fault" && value == "unreadable") {
    card_reader_->SetFault(devices::SimCardFault::kUnreadable);
    return {};
  }
  if (action == "fault" && value == "removed-during-read") {
    card_reader_->SetFault(devices::SimCardFault::kRemovedDuringRead);
    return {};
  }
  return Usage(words,
               "card insert <id> | card remove | card fault unreadable|removed-during-read | "
               "card unplug|plug");
}

Result<void> SimDevices::ApplyIdCard(const std::vector<std::string>& words) {
  if (id_card_reader_ == nullptr) return NotFitted("ID card reader");
  const std::string action = words.size() > 1 ? words[1] : "";
  const std::string value = words.size() > 2 ? words[2] : "";
  if (action == "place" && words.size() == 3) return id_card_reader_->Place(value);
  if (words.size() == 2 && action == "take") {
    id_card_reader_->Take();
    return {};
  }
  if (words.size() == 2 && (action == "unplug" || action == "plug")) {
    id_card_reader_->SetState(action == "plug" ? devices::DeviceState::kOnline
                                               : devices::DeviceState::kNoDevice);
    return {};
  }
  if (action == "fault" && words.size() == 3) {
    if (auto fault = devices::SimIdCardFaultFromName(value)) {
      id_card_reader_->SetFault(*fault);
      return {};
    }
  }
  return Usage(
      words,
      "idcard place <id> | idcard take | idcard fault "
      "no-card|read-failed|removed-during-read|authentication-failed | idcard unplug|plug");
}

Result<void> SimDevices::ApplyScanner(const std::vector<std::string>& words) {
  if (scanner_ == nullptr) return NotFitted("code scanner");
  const std::string action = words.size() > 1 ? words[1] : "";
  if (action == "scan" && words.size() >= 3) {
    // The code is the rest of the line: a text code may hold spaces.
    std::string text;
    for (std::size_t i = 2; i < words.size(); ++i) text += (i > 2 ? " " : "") + words[i];
    return scanner_->Scan(std::move(text));
  }
  if (action == "licence" && words.size() == 3) return scanner_->ScanLicence(words[2]);
  if (words.size() == 2 && (action == "unplug" || action == "plug")) {
    scanner_->SetUnplugged(action == "unplug");
    return {};
  }
  if (action == "fault" && words.size() == 3 &&
      (words[2] == "garbled" || words[2] == "incomplete")) {
    scanner_->SetFault(words[2] == "garbled" ? devices::SimScanFault::kGarbled
                                             : devices::SimScanFault::kIncomplete);
    return {};
  }
  return Usage(words,
               "scanner scan <text> | scanner licence <id> | scanner fault garbled|incomplete | "
               "scanner unplug|plug");
}

Result<void> SimDevices::ApplyPrinter(const std::vector<std::string>& words) {
  if (receipt_printer_ == nullptr)
    return Fail(ErrorCode::kSequence, "no simulated printer is fitted");
  const std::string action = words.size() > 1 ? words[1] : "";
  const std::string value = words.size() > 2 ? words[2] : "";
  if (action == "paper") {
    if (value == "full")
      receipt_printer_->SetPaper(devices::PaperState::kFull);
    else if (value == "low")
      receipt_printer_->SetPaper(devices::PaperState::kLow);
    else if (value == "out")
      receipt_printer_->SetPaper(devices::PaperState::kOut);
    else
      return Usage(words, "printer paper full|low|out");
    return {};
  }
  if (action == "cover") {
    if (value == "open")
      receipt_printer_->SetCover(devices::CoverState::kOpen);
    else if (value == "closed")
      receipt_printer_->SetCover(devices::CoverState::kClosed);
    else
      return Usage(words, "printer cover open|closed");
    return {};
  }
  if (action == "online" || action == "offline") {
    receipt_printer_->SetOnline(action == "online");
    return {};
  }
  return Usage(words, "printer paper ... | printer cover ... | printer online|offline");
}

}  // namespace kiosk
