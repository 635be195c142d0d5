#pragma once

// Who the session serves, however they proved it: a social security card,
// an ID card, an electronic card's QR code, or an enterprise's 一码通行
// business licence code. Form fields prefill from it (秒报) and queries
// send it; it is wiped with the rest of the session.

#include <nlohmann/json.hpp>
#include <optional>
#include <string>

namespace kiosk {

struct Identity {
  std::string method;       // One of kIdentificationMethods.
  std::string name;         // The person's name, or the company's.
  std::string id_number;    // 18-character resident identity number (also the SSN).
  std::string card_number;  // 社保卡 number, when read from a card.
  std::string region;       // The card's issuing region, when known.
  std::string credit_code;  // 统一社会信用代码, for an enterprise.
  std::string company_name;
  // A phone code's whole text ("ESSC1:…"): opaque, only the central service
  // resolves it to a person; never logged.
  std::string token;

  bool IsEnterprise() const { return !credit_code.empty(); }
  // The value behind a prefill source "identity.<key>"; nullopt if unknown
  // or empty.
  std::optional<std::string> Lookup(const std::string& key) const;
  // The identity part of a query or submission request.
  nlohmann::json ToRequestJson() const;
  void Wipe();
};

}  // namespace kiosk
