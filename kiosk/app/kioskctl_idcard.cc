#include "kiosk/app/kioskctl_idcard.h"

#include <cstdio>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <optional>
#include <string_view>

#include "common/log.h"
#include "drivers/id_card/id_card_reader_profile.h"
#include "kiosk/app/kioskctl_args.h"
#include "kiosk/core/validation/id_number.h"

namespace kiosk::ctl {
namespace {

constexpr const char* kIdCardUsage =
    "usage: kioskctl idcard read [--port DEV | --usb VID:PID | --profile FILE] [--unmasked] "
    "[--timeout S]\n";

struct IdCardOptions {
  std::optional<std::string> port;
  std::optional<std::string> usb;
  std::string profile_path;
  bool unmasked = false;
  double timeout_seconds = 10;
};

int IdCardUsage(const std::string& problem) {
  std::fprintf(stderr, "kioskctl: %s\n%s", problem.c_str(), kIdCardUsage);
  return 2;
}

std::optional<IdCardOptions> ParseOptions(const std::vector<std::string>& args) {
  IdCardOptions options;
  options.profile_path = std::string(KIOSK_DEFAULT_CONFIG_DIR) + "/devices/id_card_reader.json";
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    const bool has_value = i + 1 < args.size();
    if (arg == "--port" && has_value) {
      options.port = args[++i];
    } else if (arg == "--usb" && has_value) {
      options.usb = args[++i];
    } else if (arg == "--profile" && has_value) {
      options.profile_path = args[++i];
    } else if (arg == "--unmasked") {
      options.unmasked = true;
    } else if (arg == "--timeout" && has_value) {
      auto seconds = ParseTimeoutSeconds(args[++i]);
      if (!seconds) {
        IdCardUsage(kTimeoutProblem);
        return std::nullopt;
      }
      options.timeout_seconds = *seconds;
    } else {
      IdCardUsage("unknown argument " + arg);
      return std::nullopt;
    }
  }
  if (options.port && options.usb) {
    IdCardUsage("give --port or --usb, not both");
    return std::nullopt;
  }
  return options;
}

// The code points of UTF-8 `text`, each as its own string.
std::vector<std::string_view> Characters(std::string_view text) {
  std::vector<std::string_view> characters;
  for (std::size_t i = 0; i < text.size();) {
    const auto lead = static_cast<unsigned char>(text[i]);
    const std::size_t length = lead < 0x80 ? 1 : lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2;
    characters.push_back(text.substr(i, length));
    i += length;
  }
  return characters;
}

// Where the first of `suffixes` ends, searching `window` characters from
// `from`; the longest suffix wins at a position. nullopt if none.
std::optional<std::size_t> EndOfUnit(const std::vector<std::string_view>& characters,
                                     std::size_t from, std::size_t window,
                                     std::initializer_list<std::string_view> suffixes) {
  for (std::size_t i = from; i < characters.size() && i < from + window; ++i) {
    for (std::string_view suffix : suffixes) {
      const auto wanted = Characters(suffix);
      if (i + wanted.size() > characters.size()) continue;
      if (std::equal(wanted.begin(), wanted.end(), characters.begin() + static_cast<long>(i))) {
        return i + wanted.size();
      }
    }
  }
  return std::nullopt;
}

int Failed(const Error& error) {
  std::fprintf(stderr, "kioskctl: idcard read: %s%s\n", error.Describe().c_str(),
               error.reason.empty() ? "" : (" [" + error.reason + "]").c_str());
  return IdCardExitStatus(error);
}

nlohmann::json CardJson(const devices::IdCard& card, bool unmasked) {
  auto address = [&](const std::string& text) {
    return unmasked ? text : MaskAddressToDistrict(text);
  };
  nlohmann::json json = {
      {"name", card.name},
      {"gender", card.gender},
      {"nation", card.nation},
      {"birth_date", card.birth_date},
      {"address", address(card.address)},
      {"id_number", unmasked ? card.id_number : validation::MaskIdNumber(card.id_number)},
      {"issuing_authority", card.issuing_authority},
      {"valid_from", card.valid_from},
      {"valid_to", card.valid_to},
      // The photo is WLT: without the licensed decoder it is never shown.
      {"photo_wlt_bytes", card.photo.Bytes().size()},
  };
  if (!card.appended_address.empty()) {
    json["appended_address"] = address(card.appended_address);
  }
  return json;
}

int Read(const IdCardOptions& options) {
  devices::IdCardReaderProfile profile;
  if (options.port || options.usb) {
    // The shipped profile's timings still apply; only the device changes.
    if (std::filesystem::exists(options.profile_path)) {
      auto loaded = devices::LoadIdCardReaderProfile(options.profile_path);
      if (loaded) profile = *loaded;
    }
    if (options.port) {
      profile.transport = devices::IdCardTransportKind::kSerial;
      profile.port = *options.port;
    } else {
      auto id = devices::ParseUsbDeviceId(*options.usb);
      if (!id) return IdCardUsage(id.error().detail);
      profile.transport = devices::IdCardTransportKind::kUsb;
      profile.usb_id = *id;
    }
  } else {
    auto loaded = devices::LoadIdCardReaderProfile(options.profile_path);
    if (!loaded) {
      std::fprintf(stderr, "kioskctl: %s\n", loaded.error().Describe().c_str());
      return 1;
    }
    profile = *loaded;
  }
  auto reader = devices::OpenIdCardReader(profile);
  if (!reader) {
    std::fprintf(stderr, "kioskctl: idcard read: %s\n", reader.error().Describe().c_str());
    return 3;
  }
  devices::IdCardReadOptions read_options;
  read_options.timeout =
      std::chrono::milliseconds(static_cast<long long>(options.timeout_seconds * 1000));
  auto card = (*reader)->Read(read_options);
  if (!card) return Failed(card.error());
  std::string text = CardJson(*card, options.unmasked).dump(2);
  card->Wipe();
  std::printf("%s\n", text.c_str());
  return 0;
}

}  // namespace

std::string MaskAddressToDistrict(const std::string& address) {
  const auto characters = Characters(address);
  std::size_t kept = 0;
  // Province: a 省 or 自治区, or a municipality that is also the city.
  bool municipality = false;
  for (std::string_view city : {"北京市", "天津市", "上海市", "重庆市"}) {
    if (address.starts_with(city)) {
      kept = Characters(city).size();
      municipality = true;
    }
  }
  if (!municipality) {
    if (auto end = EndOfUnit(characters, 0, 10, {"自治区", "省"})) kept = *end;
    // The city: a 市 first (广州市 must not stop at its 州), else the
    // other prefecture-level units.
    if (auto end = EndOfUnit(characters, kept, 10, {"市"})) {
      kept = *end;
    } else if (auto other = EndOfUnit(characters, kept, 10, {"自治州", "地区", "州", "盟"})) {
      kept = *other;
    }
  }
  // The district or county, if the city has them (中山市 and 东莞市 do not).
  if (auto end = EndOfUnit(characters, kept, 8, {"区", "县", "旗", "市"})) kept = *end;
  if (kept == 0) return "****";  // No recognisable shape: show nothing of it.
  std::string masked;
  for (std::size_t i = 0; i < kept; ++i) masked += characters[i];
  if (kept < characters.size()) masked += "****";
  return masked;
}

int IdCardExitStatus(const Error& error) {
  const std::string& why = error.reason;
  if (why == "no_card") return 4;
  if (why == "card_removed") return 5;
  if (why == "read_failed" || why == "select_failed" || why == "wrong_card") return 6;
  if (why == "card_rejected_sam" || why == "sam_rejected_card" || why == "verification_failed") {
    return 7;
  }
  if (why == "card_data_invalid") return 8;
  if (error.code == ErrorCode::kTimeout) return 9;
  if (why == "corrupt_answer" || why == "checksum_error" || why == "length_error") return 10;
  if (error.code == ErrorCode::kDevice) return 11;
  return 1;
}

int IdCardCommand(const std::vector<std::string>& args) {
  if (args.empty() || args[0] != "read") return IdCardUsage("idcard takes the subcommand read");
  const auto options = ParseOptions({args.begin() + 1, args.end()});
  if (!options) return 2;
  // The reader logs resends as warnings; kioskctl reports the outcome itself.
  log::SetMinimumLevel(log::Level::kError);
  return Read(*options);
}

}  // namespace kiosk::ctl
