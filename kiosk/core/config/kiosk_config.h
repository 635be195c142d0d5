#pragma once

// The terminal's own configuration (firmware_config/kiosk.json): who it is,
// which regions it serves and where their services are, session timeouts.

#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "common/error.h"

namespace kiosk {

struct RegionConfig {
  std::string code;      // 6-digit administrative code, e.g. "440300".
  std::string name;      // "深圳市"
  std::string endpoint;  // Base URL of the region's business services.
  std::string name_en;   // "Shenzhen" ("regions.<code>.name_en"); may be empty.

  // The name in English when asked for and known, else the Chinese one.
  const std::string& DisplayName(bool english) const {
    return english && !name_en.empty() ? name_en : name;
  }
};

// Mutual TLS towards https:// endpoints ("network.tls"). Paths are
// absolute once loaded (relative ones resolve against the config directory).
struct TlsConfig {
  std::string ca_file;             // The only CA trusted for the central services.
  std::string client_certificate;  // This kiosk's certificate.
  std::string client_key;          // Its private key.
  std::string pinned_public_key;   // Optional: "sha256//<base64>".
};

// The local store ("storage"): where the sealing key is, how much the
// outbox may hold, how long delivered rows and cached records stay.
struct StorageConfig {
  // Absolute, or relative to the config directory; empty: outbox.key in
  // the data directory, made on first start.
  std::string key_file;
  int max_rows = 20'000;
  int max_megabytes = 256;
  int retention_days = 7;
  // How long a citizen's last retrieved record is kept to answer read-only
  // queries while offline (shown with its age); 0 keeps none.
  int record_cache_days = 30;
};

// Headquarters ("headquarters"): where the kiosk reports and where its
// signed configuration comes from, polled every interval give or take the
// jitter, so a fleet started together does not ask all at once.
struct HeadquartersConfig {
  std::string endpoint;           // kiosk-central's API base URL.
  std::string config_repository;  // Base URL of the static bundle repository.
  std::chrono::seconds poll_interval{300};
  int poll_jitter_percent = 20;
  // How often the heartbeat (kiosk/core/fleet) goes to headquarters, which
  // shows a kiosk as offline after three intervals without one.
  std::chrono::seconds heartbeat_interval{60};
};

struct SessionTimeouts {
  std::chrono::seconds inactivity{60};
  std::chrono::seconds result_inactivity{120};  // Reading a record takes longer.
  std::chrono::seconds take_card{30};
  std::chrono::seconds countdown_warning{15};  // Show the countdown this long before.
  // The idle home screen gives way to the attract screen (what the
  // terminal offers, "touch to start") after this long without a touch.
  std::chrono::seconds attract_after{90};
};

struct KioskConfig {
  std::string config_dir;  // Where relative paths below resolve.
  // Who the terminal is: from its installed kiosk.json, never from a
  // bundle (with the headquarters settings, TLS and the sealing key's place).
  std::string kiosk_id;
  std::string home_region;
  std::vector<std::string> groups;  // Fleet groups a bundle can target.
  std::optional<HeadquartersConfig> headquarters;
  std::map<std::string, RegionConfig> regions;  // Served regions, home included.
  SessionTimeouts timeouts;
  std::chrono::milliseconds connect_timeout{3000};
  std::chrono::milliseconds request_timeout{10000};
  // A region the kiosk has not talked to for this long is asked whether it
  // answers (GET /v1/health), so the network state shown stays true.
  std::chrono::seconds health_check_interval{30};
  std::optional<TlsConfig> tls;  // Required when an endpoint is https://.
  StorageConfig storage;
  std::string texts_file;         // Absolute path of the default language's text table.
  std::string catalog_dir;        // Absolute path of the catalog.
  std::string sim_cards_file;     // Absolute path of the simulated cards.
  std::string sim_id_cards_file;  // … of the simulated ID cards.
  std::string sim_licences_file;  // … of the simulated business licences (scanner codes).
  std::string hardware_profile;   // Absolute path of the hardware profile (devices fitted).
  std::string receipt_profile;    // Printer profile name.
  // The UI's languages ("ui.languages"): tag ("zh-CN", "en-US") to the
  // absolute path of its text table; the default language is among them.
  std::map<std::string, std::string> text_files;
  // "ui.default_language": the language shown first; its table is texts_file.
  std::string default_language = "zh-CN";
  int screen_width = 1920;
  int screen_height = 1080;
  // "site.nearest_alternative": where citizens are sent while the terminal
  // is out of service ("区政务服务中心一楼综合窗口"); from the installed file.
  std::string nearest_alternative;

  const RegionConfig* FindRegion(const std::string& code) const;
};

// Loads `<config_dir>/kiosk.json`; every problem is reported with its field.
Result<KioskConfig> LoadKioskConfig(const std::string& config_dir);
// Loads a configuration from headquarters for `terminal` (the installed
// one): its identity, headquarters, TLS and key file come from `terminal`,
// whatever the bundle says; the bundle must serve the terminal's home region.
Result<KioskConfig> LoadKioskConfig(const std::string& config_dir, const KioskConfig* terminal);

}  // namespace kiosk
