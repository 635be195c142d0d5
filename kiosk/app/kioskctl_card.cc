#include "kiosk/app/kioskctl_card.h"

#include <cstdio>
#include <nlohmann/json.hpp>
#include <optional>

#include "common/log.h"
#include "drivers/card_reader/pcsc_card_reader.h"
#include "kiosk/app/kioskctl_args.h"
#include "kiosk/core/validation/id_number.h"

namespace kiosk::ctl {
namespace {

constexpr const char* kCardUsage =
    "usage: kioskctl card read [--reader PATTERN] [--profile FILE] [--unmasked] [--timeout S]\n";

struct CardOptions {
  std::optional<std::string> reader;
  std::string profile_path;
  bool unmasked = false;
  double timeout_seconds = 10;
};

int CardUsage(const std::string& problem) {
  std::fprintf(stderr, "kioskctl: %s\n%s", problem.c_str(), kCardUsage);
  return 2;
}

std::optional<CardOptions> ParseOptions(const std::vector<std::string>& args) {
  CardOptions options;
  options.profile_path = std::string(KIOSK_DEFAULT_CONFIG_DIR) + "/devices/pcsc_card_reader.json";
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    const bool has_value = i + 1 < args.size();
    if (arg == "--reader" && has_value) {
      options.reader = args[++i];
    } else if (arg == "--profile" && has_value) {
      options.profile_path = args[++i];
    } else if (arg == "--unmasked") {
      options.unmasked = true;
    } else if (arg == "--timeout" && has_value) {
      auto seconds = ParseTimeoutSeconds(args[++i]);
      if (!seconds) {
        CardUsage(kTimeoutProblem);
        return std::nullopt;
      }
      options.timeout_seconds = *seconds;
    } else {
      CardUsage("unknown argument " + arg);
      return std::nullopt;
    }
  }
  return options;
}

nlohmann::json CardJson(const devices::SocialSecurityCard& card, bool unmasked,
                        const std::string& reader) {
  return {
      {"card_number", card.card_number},
      {"card_identifier", card.card_identifier},
      {"region_code", card.RegionCode()},
      {"card_type", card.card_type},
      {"spec_version", card.spec_version},
      {"issuing_institution", card.issuing_institution},
      {"name", card.name},
      {"ssn", unmasked ? card.ssn : validation::MaskIdNumber(card.ssn)},
      {"gender", card.gender},
      {"nation", card.nation},
      {"birth_date", card.birth_date},
      {"issue_date", card.issue_date},
      // "" when the card has no expiry (all F).
      {"expiry_date", card.expiry_date},
      {"reader", reader},
  };
}

int Read(const CardOptions& options) {
  auto profile = devices::LoadPcscCardReaderProfile(options.profile_path);
  if (!profile) {
    std::fprintf(stderr, "kioskctl: %s\n", profile.error().Describe().c_str());
    return 1;
  }
  if (options.reader) profile->reader_pattern = *options.reader;
  devices::PcscCardReader reader(*profile);
  devices::CardReadOptions read_options;
  read_options.timeout =
      std::chrono::milliseconds(static_cast<long long>(options.timeout_seconds * 1000));
  auto card = reader.Read(read_options);
  if (!card) {
    const Error& error = card.error();
    std::fprintf(stderr, "kioskctl: card read: %s%s\n", error.Describe().c_str(),
                 error.reason.empty() ? "" : (" [" + error.reason + "]").c_str());
    return CardExitStatus(error);
  }
  std::string text = CardJson(*card, options.unmasked, reader.ReaderName()).dump(2);
  card->Wipe();
  std::printf("%s\n", text.c_str());
  return 0;
}

}  // namespace

int CardExitStatus(const Error& error) {
  const std::string& why = error.reason;
  if (why == "pcscd_not_running") return 3;
  if (why == "no_reader") return 4;
  if (why == "no_card") return 5;
  if (why == "card_removed") return 6;
  if (why == "wrong_card") return 7;
  if (why == "file_not_found" || why == "record_not_found") return 8;
  if (why == "security_status_not_satisfied" || why == "authentication_blocked" ||
      why == "conditions_not_satisfied" || why == "card_blocked") {
    return 9;
  }
  if (why == "not_supported") return 10;
  if (why == "card_data_invalid" || why == "short_response") return 11;
  if (why == "bad_parameters" || why == "card_memory_failure" || why == "card_error" ||
      why == "protocol_error" || why == "card_unresponsive") {
    return 12;
  }
  if (why == "reader_busy") return 13;
  return 1;
}

int CardCommand(const std::vector<std::string>& args) {
  if (args.empty() || args[0] != "read") return CardUsage("card takes the subcommand read");
  const auto options = ParseOptions({args.begin() + 1, args.end()});
  if (!options) return 2;
  // The reader logs what it retries as warnings; kioskctl reports the outcome itself.
  log::SetMinimumLevel(log::Level::kError);
  return Read(*options);
}

}  // namespace kiosk::ctl
