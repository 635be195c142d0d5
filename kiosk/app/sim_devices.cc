#include "kiosk/app/sim_devices.h"

namespace kiosk {

Result<void> SimDevices::Apply(const std::vector<std::string>& words) {
  auto usage = [&](const char* expected) {
    std::string said;
    for (const auto& word : words) said += (said.empty() ? "" : " ") + word;
    return Fail(ErrorCode::kInvalidArgument, "\"" + said + "\": expected " + expected);
  };
  if (words.empty()) return usage("a device");
  const std::string& device = words[0];
  const std::string action = words.size() > 1 ? words[1] : "";
  const std::string value = words.size() > 2 ? words[2] : "";
  if (device == "card") {
    if (action == "insert" && words.size() == 3) return card_reader->Insert(value);
    if (action == "remove" && words.size() == 2) {
      card_reader->Remove();
      return {};
    }
    if (action == "fault" && value == "unreadable") {
      card_reader->SetFault(devices::SimCardFault::kUnreadable);
      return {};
    }
    if (action == "fault" && value == "removed-during-read") {
      card_reader->SetFault(devices::SimCardFault::kRemovedDuringRead);
      return {};
    }
    return usage("card insert <id> | card remove | card fault unreadable|removed-during-read");
  }
  if (device == "printer") {
    if (action == "paper") {
      if (value == "full") receipt_printer->SetPaper(devices::PaperState::kFull);
      else if (value == "low") receipt_printer->SetPaper(devices::PaperState::kLow);
      else if (value == "out") receipt_printer->SetPaper(devices::PaperState::kOut);
      else return usage("printer paper full|low|out");
      return {};
    }
    if (action == "cover") {
      if (value == "open") receipt_printer->SetCover(devices::CoverState::kOpen);
      else if (value == "closed") receipt_printer->SetCover(devices::CoverState::kClosed);
      else return usage("printer cover open|closed");
      return {};
    }
    if (action == "online" || action == "offline") {
      receipt_printer->SetOnline(action == "online");
      return {};
    }
    return usage("printer paper ... | printer cover ... | printer online|offline");
  }
  return usage("card or printer");
}

}  // namespace kiosk
