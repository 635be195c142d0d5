// The session's other ways of identifying — the ID card reader and the
// code scanner — and what it does when a device's status changes.

#include "common/log.h"
#include "kiosk/core/session/session.h"

namespace kiosk {
namespace {

constexpr const char* kLog = "session";

Identity IdentityFromIdCard(const devices::IdCard& card) {
  Identity identity;
  identity.method = "id_card";
  identity.name = card.name;
  identity.id_number = card.id_number;
  // The card says where the person lives, not where they are insured: the
  // region stays unknown and the item's own region handles it.
  return identity;
}

// The identity a classified code stands for; nullopt for plain text.
std::optional<Identity> IdentityFromScan(const devices::ScanPayload& payload) {
  Identity identity;
  switch (payload.kind) {
    case devices::PayloadKind::kElectronicSocialSecurityCard:
    case devices::PayloadKind::kMedicalInsuranceCode:
      identity.method = devices::ToString(payload.kind);
      identity.token = payload.text;
      return identity;
    case devices::PayloadKind::kBusinessLicense:
      identity.method = devices::ToString(payload.kind);
      identity.credit_code = payload.credit_code;
      return identity;
    case devices::PayloadKind::kText: return std::nullopt;
  }
  return std::nullopt;
}

}  // namespace

void Session::OnIdCardEvent(devices::IdCardEvent event) {
  if (event != devices::IdCardEvent::kPlaced || screen_ != Screen::kIdentify) return;
  MarkActivity();
  if (!item_->Accepts("id_card")) {
    ShowNotice({"notice.method_not_accepted", "notice.method_not_accepted.advice",
                "item " + item_->id + " does not accept an ID card", true},
               Screen::kIdentify);
    return;
  }
  StartReadIdCard();
}

void Session::StartReadIdCard() {
  if (deps_.id_card_reader == nullptr) return;
  screen_ = Screen::kReadingCard;
  reading_id_card_ = true;
  const std::uint64_t generation = generation_;
  devices::IdCardReader* reader = deps_.id_card_reader;
  std::weak_ptr<bool> alive = alive_;
  deps_.tasks->Post([this, reader, generation, alive]() -> std::function<void()> {
    devices::IdCardReadOptions options;
    options.appended_address = false;  // Identifying needs the name and number only.
    auto card = reader->Read(options);
    return [this, generation, alive, card = std::move(card)]() mutable {
      if (alive.expired() || generation != generation_ || screen_ != Screen::kReadingCard) {
        if (card) card->Wipe();
        return;
      }
      MarkActivity();
      if (!card) {
        log::Warning(kLog, "ID card read failed: {}", card.error().Describe());
        const bool removed = card.error().reason == "card_removed";
        ShowNotice({removed ? "notice.id_card_removed" : "notice.id_card_unreadable",
                    removed ? "notice.id_card_removed.advice" : "notice.id_card_unreadable.advice",
                    card.error().Describe(), true},
                   Screen::kReadingCard);
        return;
      }
      Identity identity = IdentityFromIdCard(*card);
      card->Wipe();
      AcceptIdentity(std::move(identity));
    };
  });
}

void Session::OnScan(Result<devices::ScanPayload> payload) {
  if (screen_ != Screen::kIdentify) {
    if (payload) payload->Wipe();  // Nobody asked: shown to the scanner by accident.
    return;
  }
  MarkActivity();
  if (!payload) {
    log::Warning(kLog, "scanned code refused: {}", payload.error().Describe());
    Notice notice{"notice.scan_refused", "scan.refused." + payload.error().reason,
                  payload.error().Describe(), true};
    ShowNotice(std::move(notice), Screen::kIdentify);
    return;
  }
  std::optional<Identity> identity = IdentityFromScan(*payload);
  const std::string redacted = payload->Redacted();
  payload->Wipe();
  if (!identity) {
    ShowNotice(
        {"notice.scan_not_identity", "notice.scan_not_identity.advice",
         "a code that identifies nobody (" + std::to_string(redacted.size()) + " bytes)", true},
        Screen::kIdentify);
    return;
  }
  OnIdentityPresented(std::move(*identity));
}

void Session::OnDeviceReport(const devices::DeviceReport& report) {
  if (!devices_.Update(report)) return;
  // A citizen already waiting on the identify screen with no way left.
  if (screen_ == Screen::kIdentify && !identity_ && !devices_.ItemUsable(*item_)) {
    ShowNotice({"notice.device_unavailable", "notice.device_unavailable.advice",
                std::string(devices::ToString(report.device_class)) + ": " + report.detail, false},
               Screen::kHome);
  }
}

}  // namespace kiosk
