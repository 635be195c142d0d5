#include "kiosk/core/config/kiosk_config.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

namespace kiosk {
namespace {

using nlohmann::json;

Result<std::string> RequireString(const json& object, const char* field, const std::string& where) {
  if (!object.contains(field) || !object[field].is_string() ||
      object[field].get<std::string>().empty()) {
    return Fail(ErrorCode::kInvalidData, where + ": \"" + field + "\" must be a non-empty string");
  }
  return object[field].get<std::string>();
}

Result<int> OptionalPositiveInt(const json& object, const char* field, int fallback,
                                const std::string& where) {
  if (!object.contains(field)) return fallback;
  if (!object[field].is_number_integer() || object[field].get<int>() <= 0) {
    return Fail(ErrorCode::kInvalidData, where + ": \"" + field + "\" must be a positive integer");
  }
  return object[field].get<int>();
}

std::string Resolve(const std::string& config_dir, const std::string& path) {
  if (!path.empty() && path.front() == '/') return path;
  return (std::filesystem::path(config_dir) / path).lexically_normal().string();
}

// "network.tls": every key known, the three files required. A typo such as
// "client_cert" must not silently leave the kiosk without its certificate.
Result<TlsConfig> ParseTls(const json& tls, const std::string& config_dir,
                           const std::string& where) {
  if (!tls.is_object()) return Fail(ErrorCode::kInvalidData, where + ": must be an object");
  for (const auto& [key, value] : tls.items()) {
    if (key != "ca_file" && key != "client_certificate" && key != "client_key" &&
        key != "pinned_public_key") {
      return Fail(ErrorCode::kInvalidData,
                  where + ": unknown key \"" + key +
                      "\" (expected ca_file, client_certificate, client_key, pinned_public_key)");
    }
  }
  TlsConfig config;
  struct File {
    const char* name;
    std::string* target;
  };
  for (auto [name, target] :
       {File{"ca_file", &config.ca_file}, File{"client_certificate", &config.client_certificate},
        File{"client_key", &config.client_key}}) {
    auto path = RequireString(tls, name, where);
    if (!path) return std::unexpected(path.error());
    *target = Resolve(config_dir, *path);
  }
  if (tls.contains("pinned_public_key")) {
    auto pin = RequireString(tls, "pinned_public_key", where);
    if (!pin) return std::unexpected(pin.error());
    if (!pin->starts_with("sha256//")) {
      return Fail(ErrorCode::kInvalidData,
                  where + ": \"pinned_public_key\" must have the form sha256//<base64>");
    }
    config.pinned_public_key = *pin;
  }
  return config;
}

Result<StorageConfig> ParseStorage(const json& storage, const std::string& config_dir,
                                   const std::string& where) {
  if (!storage.is_object()) return Fail(ErrorCode::kInvalidData, where + ": must be an object");
  for (const auto& [key, value] : storage.items()) {
    if (key != "key_file" && key != "max_rows" && key != "max_megabytes" &&
        key != "retention_days" && key != "record_cache_days") {
      return Fail(ErrorCode::kInvalidData, where + ": unknown key \"" + key +
                                               "\" (expected key_file, max_rows, max_megabytes, "
                                               "retention_days, record_cache_days)");
    }
  }
  StorageConfig config;
  if (storage.contains("key_file")) {
    auto path = RequireString(storage, "key_file", where);
    if (!path) return std::unexpected(path.error());
    config.key_file = Resolve(config_dir, *path);
  }
  auto rows = OptionalPositiveInt(storage, "max_rows", config.max_rows, where);
  auto megabytes = OptionalPositiveInt(storage, "max_megabytes", config.max_megabytes, where);
  auto days = OptionalPositiveInt(storage, "retention_days", config.retention_days, where);
  if (!rows) return std::unexpected(rows.error());
  if (!megabytes) return std::unexpected(megabytes.error());
  if (!days) return std::unexpected(days.error());
  config.max_rows = *rows;
  config.max_megabytes = *megabytes;
  config.retention_days = *days;
  if (storage.contains("record_cache_days")) {
    const json& cache_days = storage["record_cache_days"];
    if (!cache_days.is_number_integer() || cache_days.get<int>() < 0) {
      return Fail(ErrorCode::kInvalidData,
                  where + ": \"record_cache_days\" must be 0 (no cache) or more");
    }
    config.record_cache_days = cache_days.get<int>();
  }
  return config;
}

Result<HeadquartersConfig> ParseHeadquarters(const json& headquarters, const std::string& where) {
  if (!headquarters.is_object())
    return Fail(ErrorCode::kInvalidData, where + ": must be an object");
  for (const auto& [key, value] : headquarters.items()) {
    if (key != "endpoint" && key != "config_repository" && key != "poll_interval_s" &&
        key != "poll_jitter_percent" && key != "heartbeat_interval_s") {
      return Fail(ErrorCode::kInvalidData,
                  where + ": unknown key \"" + key +
                      "\" (expected endpoint, config_repository, poll_interval_s, "
                      "poll_jitter_percent, heartbeat_interval_s)");
    }
  }
  HeadquartersConfig config;
  auto endpoint = RequireString(headquarters, "endpoint", where);
  if (!endpoint) return std::unexpected(endpoint.error());
  config.endpoint = *endpoint;
  auto repository = RequireString(headquarters, "config_repository", where);
  if (!repository) return std::unexpected(repository.error());
  config.config_repository = *repository;
  auto interval = OptionalPositiveInt(headquarters, "poll_interval_s",
                                      static_cast<int>(config.poll_interval.count()), where);
  if (!interval) return std::unexpected(interval.error());
  config.poll_interval = std::chrono::seconds(*interval);
  auto heartbeat = OptionalPositiveInt(headquarters, "heartbeat_interval_s",
                                       static_cast<int>(config.heartbeat_interval.count()), where);
  if (!heartbeat) return std::unexpected(heartbeat.error());
  config.heartbeat_interval = std::chrono::seconds(*heartbeat);
  if (headquarters.contains("poll_jitter_percent")) {
    const json& jitter = headquarters["poll_jitter_percent"];
    if (!jitter.is_number_integer() || jitter.get<int>() < 0 || jitter.get<int>() > 100) {
      return Fail(ErrorCode::kInvalidData,
                  where + ": \"poll_jitter_percent\" must be an integer from 0 to 100");
    }
    config.poll_jitter_percent = jitter.get<int>();
  }
  return config;
}

Result<std::vector<std::string>> ParseGroups(const json& groups, const std::string& where) {
  std::vector<std::string> names;
  if (!groups.is_array()) return Fail(ErrorCode::kInvalidData, where + ": must be an array");
  for (const json& group : groups) {
    if (!group.is_string() || group.get<std::string>().empty()) {
      return Fail(ErrorCode::kInvalidData, where + ": each group is a non-empty string");
    }
    names.push_back(group.get<std::string>());
  }
  return names;
}

// "zh-CN", "en-US", "yue-Hant-HK": a primary language subtag, then others.
bool IsLanguageTag(const std::string& tag) {
  std::size_t start = 0;
  for (std::size_t part = 0;; ++part) {
    const auto end = std::min(tag.find('-', start), tag.size());
    const std::string subtag = tag.substr(start, end - start);
    const bool letters =
        subtag.find_first_not_of("abcdefghijklmnopqrstuvwxyz") == std::string::npos;
    const bool alphanumeric =
        subtag.find_first_not_of(
            "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789") == std::string::npos;
    if (part == 0 ? (subtag.size() < 2 || subtag.size() > 3 || !letters)
                  : (subtag.size() < 2 || subtag.size() > 8 || !alphanumeric)) {
      return false;
    }
    if (end == tag.size()) return true;
    start = end + 1;
  }
}

// "ui.languages" ({"zh-CN": "ui/zh-CN.json", ...}) with "ui.default_language",
// or the older single table "ui.texts" (then the default language is
// "ui.default_language", else zh-CN). Fills text_files, default_language
// and texts_file (the default language's table).
Result<void> ParseUiTexts(const json& ui, const std::string& config_dir, const std::string& where,
                          KioskConfig& config) {
  if (ui.contains("default_language")) {
    const json& language = ui["default_language"];
    if (!language.is_string() || !IsLanguageTag(language.get<std::string>())) {
      return Fail(ErrorCode::kInvalidData,
                  where + ": \"default_language\" must be a language tag such as \"zh-CN\"");
    }
    config.default_language = language.get<std::string>();
  }
  if (!ui.contains("languages")) {
    if (ui.contains("texts") &&
        (!ui["texts"].is_string() || ui["texts"].get<std::string>().empty())) {
      return Fail(ErrorCode::kInvalidData,
                  where + ": \"texts\" must be a non-empty string (the text table's file)");
    }
    config.texts_file = Resolve(config_dir, ui.value("texts", "ui/zh-CN.json"));
    config.text_files = {{config.default_language, config.texts_file}};
    return {};
  }
  if (ui.contains("texts")) {
    return Fail(ErrorCode::kInvalidData,
                where + ": give either \"languages\" or the older \"texts\", not both");
  }
  const json& languages = ui["languages"];
  if (!languages.is_object() || languages.empty()) {
    return Fail(ErrorCode::kInvalidData,
                where +
                    ": \"languages\" must be an object of language tag to text table file, "
                    "e.g. {\"zh-CN\": \"ui/zh-CN.json\"}");
  }
  for (const auto& [language, path] : languages.items()) {
    const std::string field = where + ".languages." + language;
    if (!IsLanguageTag(language)) {
      return Fail(ErrorCode::kInvalidData, field + ": not a language tag such as \"en-US\"");
    }
    if (!path.is_string() || path.get<std::string>().empty()) {
      return Fail(ErrorCode::kInvalidData,
                  field + ": must be a non-empty string (the text table's file)");
    }
    const std::string resolved = Resolve(config_dir, path.get<std::string>());
    if (!std::filesystem::is_regular_file(resolved)) {
      return Fail(ErrorCode::kInvalidData, field + ": no text table at " + resolved);
    }
    config.text_files[language] = resolved;
  }
  if (!ui.contains("default_language")) {
    if (config.text_files.size() != 1) {
      return Fail(ErrorCode::kInvalidData,
                  where + ": \"default_language\" must name one of \"languages\"");
    }
    config.default_language = config.text_files.begin()->first;
  }
  auto default_file = config.text_files.find(config.default_language);
  if (default_file == config.text_files.end()) {
    std::string known;
    for (const auto& [language, path] : config.text_files) {
      known += (known.empty() ? "" : ", ") + language;
    }
    return Fail(ErrorCode::kInvalidData, where + ": \"default_language\" " +
                                             config.default_language +
                                             " is not among \"languages\" (" + known + ")");
  }
  config.texts_file = default_file->second;
  return {};
}

}  // namespace

const RegionConfig* KioskConfig::FindRegion(const std::string& code) const {
  auto found = regions.find(code);
  return found == regions.end() ? nullptr : &found->second;
}

Result<KioskConfig> LoadKioskConfig(const std::string& config_dir) {
  return LoadKioskConfig(config_dir, nullptr);
}

Result<KioskConfig> LoadKioskConfig(const std::string& config_dir, const KioskConfig* terminal) {
  const std::string file = (std::filesystem::path(config_dir) / "kiosk.json").string();
  std::ifstream in(file);
  if (!in) return Fail(ErrorCode::kIo, "cannot open " + file);
  json document = json::parse(in, nullptr, /*allow_exceptions=*/false);
  if (document.is_discarded() || !document.is_object()) {
    return Fail(ErrorCode::kInvalidData, file + ": not a JSON object");
  }
  if (document.value("format_version", 0) != 1) {
    return Fail(ErrorCode::kInvalidData, file + ": unsupported format_version (expected 1)");
  }
  KioskConfig config;
  config.config_dir = std::filesystem::absolute(config_dir).lexically_normal().string();

  if (terminal != nullptr) {
    // A bundle serves a whole fleet: who this terminal is, where it
    // reports and its secrets stay as installed.
    config.kiosk_id = terminal->kiosk_id;
    config.home_region = terminal->home_region;
    config.groups = terminal->groups;
    config.headquarters = terminal->headquarters;
    config.tls = terminal->tls;
  } else {
    auto kiosk_id = RequireString(document, "kiosk_id", file);
    if (!kiosk_id) return std::unexpected(kiosk_id.error());
    config.kiosk_id = *kiosk_id;
    auto home = RequireString(document, "home_region", file);
    if (!home) return std::unexpected(home.error());
    config.home_region = *home;
    if (document.contains("groups")) {
      auto groups = ParseGroups(document["groups"], file + ": groups");
      if (!groups) return std::unexpected(groups.error());
      config.groups = *groups;
    }
    if (document.contains("headquarters")) {
      auto headquarters = ParseHeadquarters(document["headquarters"], file + ": headquarters");
      if (!headquarters) return std::unexpected(headquarters.error());
      config.headquarters = *headquarters;
    }
  }

  if (!document.contains("regions") || !document["regions"].is_object()) {
    return Fail(ErrorCode::kInvalidData, file + ": \"regions\" must be an object");
  }
  for (const auto& [code, entry] : document["regions"].items()) {
    const std::string where = file + ": regions." + code;
    if (code.size() != 6 || code.find_first_not_of("0123456789") != std::string::npos) {
      return Fail(ErrorCode::kInvalidData, where + ": a region code has 6 digits");
    }
    auto name = RequireString(entry, "name", where);
    if (!name) return std::unexpected(name.error());
    auto endpoint = RequireString(entry, "endpoint", where);
    if (!endpoint) return std::unexpected(endpoint.error());
    if (entry.contains("name_en") && !entry["name_en"].is_string()) {
      return Fail(ErrorCode::kInvalidData, where + ": \"name_en\" must be a text");
    }
    config.regions[code] = RegionConfig{code, *name, *endpoint, entry.value("name_en", "")};
  }
  if (!config.regions.contains(config.home_region)) {
    return Fail(ErrorCode::kInvalidData, file + ": home_region " + config.home_region +
                                             " is not among \"regions\"" +
                                             (terminal ? " (this terminal's home region)" : ""));
  }

  const json session = document.value("session", json::object());
  struct Field {
    const char* name;
    std::chrono::seconds* target;
  };
  for (auto [name, target] :
       {Field{"inactivity_timeout_s", &config.timeouts.inactivity},
        Field{"result_inactivity_timeout_s", &config.timeouts.result_inactivity},
        Field{"take_card_timeout_s", &config.timeouts.take_card},
        Field{"countdown_warning_s", &config.timeouts.countdown_warning},
        Field{"attract_after_s", &config.timeouts.attract_after}}) {
    auto seconds =
        OptionalPositiveInt(session, name, static_cast<int>(target->count()), file + ": session");
    if (!seconds) return std::unexpected(seconds.error());
    *target = std::chrono::seconds(*seconds);
  }

  const json network = document.value("network", json::object());
  auto connect = OptionalPositiveInt(network, "connect_timeout_ms", 3000, file + ": network");
  if (!connect) return std::unexpected(connect.error());
  config.connect_timeout = std::chrono::milliseconds(*connect);
  auto request = OptionalPositiveInt(network, "request_timeout_ms", 10000, file + ": network");
  if (!request) return std::unexpected(request.error());
  config.request_timeout = std::chrono::milliseconds(*request);
  auto health = OptionalPositiveInt(network, "health_check_interval_s", 30, file + ": network");
  if (!health) return std::unexpected(health.error());
  config.health_check_interval = std::chrono::seconds(*health);
  if (network.contains("tls") && terminal == nullptr) {
    auto tls = ParseTls(network["tls"], config.config_dir, file + ": network.tls");
    if (!tls) return std::unexpected(tls.error());
    config.tls = *tls;
  }
  for (const auto& [code, region] : config.regions) {
    if (region.endpoint.starts_with("https://") && !config.tls) {
      return Fail(ErrorCode::kInvalidData,
                  file + ": regions." + code + ": an https:// endpoint needs \"network.tls\"");
    }
  }

  if (document.contains("storage")) {
    auto storage = ParseStorage(document["storage"], config.config_dir, file + ": storage");
    if (!storage) return std::unexpected(storage.error());
    config.storage = *storage;
  }
  if (terminal != nullptr) config.storage.key_file = terminal->storage.key_file;

  const json ui = document.value("ui", json::object());
  if (!ui.is_object()) return Fail(ErrorCode::kInvalidData, file + ": \"ui\" must be an object");
  auto texts = ParseUiTexts(ui, config.config_dir, file + ": ui", config);
  if (!texts) return std::unexpected(texts.error());
  auto width = OptionalPositiveInt(ui, "width", 1920, file + ": ui");
  if (!width) return std::unexpected(width.error());
  auto height = OptionalPositiveInt(ui, "height", 1080, file + ": ui");
  if (!height) return std::unexpected(height.error());
  config.screen_width = *width;
  config.screen_height = *height;

  // Where the terminal stands is the terminal's, like its identity.
  const json site = document.value("site", json::object());
  if (!site.is_object() ||
      (site.contains("nearest_alternative") && !site["nearest_alternative"].is_string())) {
    return Fail(ErrorCode::kInvalidData,
                file + ": \"site.nearest_alternative\" must be a text (a place citizens can go)");
  }
  config.nearest_alternative =
      terminal != nullptr ? terminal->nearest_alternative : site.value("nearest_alternative", "");

  config.catalog_dir = Resolve(config.config_dir, document.value("catalog", "catalog"));
  const json devices = document.value("devices", json::object());
  config.sim_cards_file =
      Resolve(config.config_dir, devices.value("sim_cards", "sim/social_security_cards.json"));
  config.sim_id_cards_file =
      Resolve(config.config_dir, devices.value("sim_id_cards", "sim/id_cards.json"));
  config.sim_licences_file = Resolve(
      config.config_dir, devices.value("sim_business_licences", "sim/business_licenses.json"));
  config.hardware_profile =
      Resolve(config.config_dir, devices.value("hardware", "devices/hardware.json"));
  config.receipt_profile = devices.value("receipt_printer_profile", "generic-80mm");
  return config;
}

}  // namespace kiosk
