// kioskctl: the command-line tool of maintenance staff and headquarters.

#include <cstdio>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "kiosk/app/kiosk_paths.h"
#include "kiosk/app/kioskctl_admin.h"
#include "kiosk/app/kioskctl_audit.h"
#include "kiosk/app/kioskctl_card.h"
#include "kiosk/app/kioskctl_catalog.h"
#include "kiosk/app/kioskctl_config_bundle.h"
#include "kiosk/app/kioskctl_diagnostics.h"
#include "kiosk/app/kioskctl_document.h"
#include "kiosk/app/kioskctl_idcard.h"
#include "kiosk/app/kioskctl_print.h"
#include "kiosk/app/kioskctl_queue.h"
#include "kiosk/app/kioskctl_scan.h"
#include "kiosk/core/admin/operators.h"
#include "kiosk/core/catalog/catalog.h"
#include "kiosk/core/config/kiosk_config.h"
#include "kiosk/core/config/text_table_check.h"
#include "kiosk/core/sync/kiosk_outbox.h"
#include "offline_cache/outbox.h"

namespace {

constexpr const char* kUsage = R"(usage: kioskctl COMMAND [options]

commands:
  version                        print the version
  config check [DIR]             load and validate kiosk.json, the catalog and texts (every
                                 language with the default one's keys and placeholders)
                                 (default DIR: the repository's firmware_config)
  config keygen --scheme ed25519|sm2 --out PREFIX
                                 a bundle signing key: PREFIX.key (0600) and PREFIX.pub; prints its id
  config sign DIR --key K [--key K2 ...] --version N --expires DATE --target SPEC --out BUNDLE
                                 sign every file under DIR into a bundle (SPEC: region=R,group=G,kiosk=ID
                                 or all; --exclude PATH leaves a file or folder out)
  config verify BUNDLE [--root ROOTFILE] [--current-version N] [--region R] [--kiosk-id ID]
                [--group G] [--now DATE]
                                 verify a bundle as a kiosk would; a refusal prints its reason
  config root --root-key PUB ... --targets-key PUB ... --version N --expires DATE
              --sign-with KEY ... [--previous ROOTFILE] --out FILE
                                 write root metadata (a rotation when --previous is given)
  config publish BUNDLE --repo DIR [--root ROOTFILE ...]
                                 add a bundle to a static repository (docs/CONFIG_BUNDLES.md)
  catalog validate [DIR]         validate a catalog; prints every problem (file, item, field),
                                 exits 1 if there is any
  catalog list [--region R] [--category C] [--json] [--dir DIR]
                                 list the items (default DIR: the shipped catalog)
  catalog search QUERY [--limit N] [--json] [--dir DIR]
                                 search as a citizen does: hanzi, pinyin, initials ("cbcx")
  card read [--reader PATTERN] [--profile FILE] [--unmasked] [--timeout S]
                                 read the 社保卡 in the PC/SC reader; prints JSON (number masked)
  idcard read [--port DEV | --usb VID:PID | --profile FILE] [--unmasked] [--timeout S]
                                 read a 居民身份证 on the SAM reader; prints JSON (masked)
  print receipt --printer URI --template FILE --data FILE [--profile NAME] [--profiles DIR]
                                 fill a receipt template and print it on an ESC/POS printer
                                 (URI: tcp://HOST:PORT, serial:/dev/PATH[?baud=N], usb:VVVV:PPPP)
  print document --template FILE --data FILE (--out FILE.pdf | --cups QUEUE) [--server S] [--timeout S]
                                 fill an A4 document template and write the PDF or print it through CUPS
  scan --image FILE              decode a QR / Data Matrix / PDF417 / Code 128 code in an image
  scan --device DEV [--type camera|hid|serial] [--timeout S]
                                 read one scan from a scanner or camera; prints JSON
  outbox list [--data-dir DIR] [--state pending|in_flight|delivered|dead]
                                 list the queued submissions (default DIR: /var/lib/kiosk)
  submit --item ID --data FILE [--identity FILE] [--region R] [--data-dir DIR] [--config DIR]
                                 queue a submission as a citizen's confirm does; prints its row,
                                 idempotency key and acceptance number as JSON
  queue status [--data-dir DIR] [--config DIR] [--json]
                                 counts by state and region, oldest waiting row, dead letters
  queue retry ID [--data-dir DIR] [--config DIR]
                                 put a dead letter back in the queue
  queue deliver [--central URL] [--until-empty] [--timeout S] [--data-dir DIR] [--config DIR]
                                 send the queue to the central services now
  audit verify FILE              check an admin audit log's hash chain; names the first bad record
                                 (exit 1) or prints the record count and head hash
  audit show FILE [--last N]     print an admin audit log's records, one per line
  admin hash-pin [--iterations N]
                                 read a PIN from standard input; print the "pin" object of
                                 admin/operators.json
  diagnostics export [--config DIR] [--data-dir DIR] [--to DIR]
                                 write a diagnostics bundle (no personal data) to DIR or the
                                 first USB drive under /media or /run/media; prints its path
  certs [--config DIR] [--json]  the TLS certificates' subjects and days to expiry
                                 (exit 3 when one has expired)
  help                           this text
)";

int Usage(const char* problem) {
  std::fprintf(stderr, "kioskctl: %s\n%s", problem, kUsage);
  return 2;
}

int ConfigCheck(const std::string& dir) {
  auto config = kiosk::LoadKioskConfig(dir);
  if (!config) {
    std::fprintf(stderr, "%s\n", config.error().Describe().c_str());
    return 1;
  }
  std::printf("kiosk %s, home region %s, %zu region(s) served\n", config->kiosk_id.c_str(),
              config->home_region.c_str(), config->regions.size());
  // Every language's text table, with the default one's keys and placeholders.
  auto texts = kiosk::LoadTextTables(*config);
  if (!texts) {
    std::fprintf(stderr, "%s\n", texts.error().Describe().c_str());
    return 1;
  }
  std::string languages;
  for (const auto& [language, table] : *texts) {
    languages += (languages.empty() ? "" : ", ") + language + " (" +
                 std::to_string(table.All().size()) + " texts)";
  }
  std::printf("languages %s, default %s\n", languages.c_str(), config->default_language.c_str());
  // The operator directory is optional: without it admin mode is closed.
  const std::string operators_path = kiosk::admin::OperatorsPath(dir);
  if (std::filesystem::exists(operators_path)) {
    auto operators = kiosk::admin::LoadOperators(operators_path);
    if (!operators) {
      std::fprintf(stderr, "%s\n", operators.error().Describe().c_str());
      return 1;
    }
    std::printf("admin: %zu operator(s)\n", operators->operators.size());
  } else {
    std::printf("admin: no admin/operators.json, admin mode closed\n");
  }
  return kiosk::ctl::CatalogValidate(config->catalog_dir);
}

int OutboxList(const std::vector<std::string>& args) {
  std::string data_dir = "/var/lib/kiosk";
  std::optional<kiosk::cache::OutboxState> state;
  for (std::size_t i = 0; i < args.size(); ++i) {
    if (args[i] == "--data-dir" && i + 1 < args.size()) {
      data_dir = args[++i];
    } else if (args[i] == "--state" && i + 1 < args.size()) {
      const std::string name = args[++i];
      for (auto candidate :
           {kiosk::cache::OutboxState::kPending, kiosk::cache::OutboxState::kInFlight,
            kiosk::cache::OutboxState::kDelivered, kiosk::cache::OutboxState::kDead}) {
        if (name == kiosk::cache::ToString(candidate)) state = candidate;
      }
      if (!state) return Usage("--state takes pending, in_flight, delivered or dead");
    } else {
      return Usage("outbox list takes --data-dir DIR and --state STATE");
    }
  }
  const std::string path = (std::filesystem::path(data_dir) / "outbox.sqlite").string();
  if (!std::filesystem::exists(path)) {
    std::fprintf(stderr, "kioskctl: no outbox at %s\n", path.c_str());
    return 1;
  }
  auto config = kiosk::LoadKioskConfig(KIOSK_DEFAULT_CONFIG_DIR);
  if (!config) {
    std::fprintf(stderr, "kioskctl: %s\n", config.error().Describe().c_str());
    return 1;
  }
  auto outbox = kiosk::OpenKioskOutbox(*config, data_dir, kiosk::KeyCreation::kMustExist);
  if (!outbox) {
    std::fprintf(stderr, "kioskctl: %s\n", outbox.error().Describe().c_str());
    return 1;
  }
  auto rows = (*outbox)->List(state);
  if (!rows) {
    std::fprintf(stderr, "kioskctl: %s\n", rows.error().Describe().c_str());
    return 1;
  }
  std::printf("%-6s %-10s %-7s %-16s %-8s %-38s %s\n", "id", "state", "region", "kind", "attempts",
              "idempotency-key", "tracking / last error");
  for (const auto& row : *rows) {
    std::printf("%-6lld %-10s %-7s %-16s %-8d %-38s %s\n", static_cast<long long>(row.id),
                kiosk::cache::ToString(row.state), row.region.c_str(), row.kind.c_str(),
                row.attempts, row.idempotency_key.c_str(),
                (row.tracking_number.empty() ? row.last_error : row.tracking_number).c_str());
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  if (args.empty()) return Usage("no command");
  const std::string command = args[0];
  if (command == "help" || command == "--help" || command == "-h") {
    std::fputs(kUsage, stdout);
    return 0;
  }
  if (command == "version" || command == "--version") {
    std::printf("kioskctl %s\n", KIOSK_VERSION);
    return 0;
  }
  if (command == "config" && args.size() >= 2 && args[1] == "check") {
    return ConfigCheck(args.size() >= 3 ? args[2] : KIOSK_DEFAULT_CONFIG_DIR);
  }
  if (command == "config") {
    return kiosk::ctl::ConfigBundleCommand({args.begin() + 1, args.end()},
                                           KIOSK_DEFAULT_CONFIG_DIR);
  }
  if (command == "catalog") {
    return kiosk::ctl::CatalogCommand({args.begin() + 1, args.end()}, KIOSK_DEFAULT_CONFIG_DIR);
  }
  if (command == "card") return kiosk::ctl::CardCommand({args.begin() + 1, args.end()});
  if (command == "idcard") return kiosk::ctl::IdCardCommand({args.begin() + 1, args.end()});
  // `print document` is A4 through CUPS; `print receipt` the ESC/POS printer.
  if (command == "print" && args.size() > 1 && args[1] == "document") {
    return kiosk::ctl::PrintDocumentCommand({args.begin() + 2, args.end()});
  }
  if (command == "print") return kiosk::ctl::PrintCommand({args.begin() + 1, args.end()});
  if (command == "scan") return kiosk::ctl::ScanCommand({args.begin() + 1, args.end()});
  if (command == "outbox" && args.size() >= 2 && args[1] == "list") {
    return OutboxList({args.begin() + 2, args.end()});
  }
  if (command == "submit") {
    return kiosk::ctl::SubmitCommand({args.begin() + 1, args.end()}, KIOSK_DEFAULT_CONFIG_DIR);
  }
  if (command == "queue") {
    return kiosk::ctl::QueueCommand({args.begin() + 1, args.end()}, KIOSK_DEFAULT_CONFIG_DIR);
  }
  if (command == "audit") return kiosk::ctl::AuditCommand({args.begin() + 1, args.end()});
  if (command == "admin") return kiosk::ctl::AdminCommand({args.begin() + 1, args.end()});
  if (command == "diagnostics") {
    return kiosk::ctl::DiagnosticsCommand({args.begin() + 1, args.end()}, KIOSK_DEFAULT_CONFIG_DIR,
                                          KIOSK_VERSION);
  }
  if (command == "certs") {
    return kiosk::ctl::CertsCommand({args.begin() + 1, args.end()}, KIOSK_DEFAULT_CONFIG_DIR);
  }
  return Usage(("unknown command: " + command).c_str());
}
