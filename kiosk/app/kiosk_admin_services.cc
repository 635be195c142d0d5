#include "kiosk/app/kiosk_admin_services.h"

#include <algorithm>

#include "common/log.h"
#include "common/secure_wipe.h"
#include "kiosk/app/a4_document_printer.h"
#include "kiosk/app/config_apply_loop.h"
#include "kiosk/app/kiosk_devices.h"
#include "kiosk/core/central/headquarters_client.h"
#include "kiosk/core/config_apply/config_store.h"
#include "kiosk/core/diagnostics/certificate_info.h"
#include "kiosk/core/diagnostics/removable_mounts.h"
#include "kiosk/core/sync/delivery_worker.h"
#include "kiosk/core/sync/network_monitor.h"
#include "kiosk/core/sync/outbox_summary.h"
#include "kiosk/core/validation/id_number.h"
#include "kiosk/core/validation/mask.h"
#include "offline_cache/outbox.h"

namespace kiosk {
namespace {

constexpr const char* kLog = "admin";

admin::DeviceTestResult Passed(std::string detail) { return {true, std::move(detail)}; }
admin::DeviceTestResult Failed(const Error& error) { return {false, error.Describe()}; }

// China Standard Time, as on the receipts.
std::string Now(std::int64_t unix_ms) {
  const std::time_t seconds = static_cast<std::time_t>(unix_ms / 1000) + 8 * 3600;
  std::tm local{};
  gmtime_r(&seconds, &local);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%d %H:%M:%S", &local);
  return text;
}

}  // namespace

KioskAdminServices::KioskAdminServices(KioskAdminServicesDependencies deps)
    : deps_(std::move(deps)) {
  auto loaded = admin::LoadTerminalState(deps_.terminal_state_file);
  if (loaded) {
    state_ = *loaded;
  } else {
    log::Error(kLog, "terminal state ignored (in service): {}", loaded.error().Describe());
  }
  in_service_ = state_.in_service;
  if (!state_.in_service) {
    log::Warning(kLog, "out of service since {} ({})", Now(state_.changed_unix_ms),
                 state_.out_of_service_reason);
  }
}

std::vector<devices::DeviceReport> KioskAdminServices::Devices() {
  return deps_.devices->manager().Reports();
}

admin::DeviceTestResult KioskAdminServices::RunDeviceTest(admin::DeviceTest test) {
  admin::DeviceTestResult result;
  switch (test) {
    case admin::DeviceTest::kReceipt: result = TestReceipt(); break;
    case admin::DeviceTest::kA4Page: result = TestA4Page(); break;
    case admin::DeviceTest::kCard: result = TestCard(); break;
    case admin::DeviceTest::kIdCard: result = TestIdCard(); break;
    case admin::DeviceTest::kScan: result = TestScan(); break;
  }
  log::Info(kLog, "device test {}: {} {}", admin::ToString(test),
            result.passed ? "passed" : "failed", result.detail);
  return result;
}

admin::DeviceTestResult KioskAdminServices::TestReceipt() {
  const KioskConfig& config = deps_.live_config();
  devices::ReceiptDocument document;
  document.elements.push_back(devices::Title{"打印测试 TEST"});
  document.elements.push_back(devices::KeyValue{"终端", config.kiosk_id});
  document.elements.push_back(devices::KeyValue{"时间", Now(deps_.unix_ms())});
  document.elements.push_back(devices::KeyValue{"软件版本", KIOSK_VERSION});
  document.elements.push_back(devices::Separator{'-'});
  document.elements.push_back(devices::Text{"中文字样：社会保障卡 医疗保险 ０１２３４５６７８９"});
  document.elements.push_back(devices::Text{"ABCDEFGHIJKLMNOPQRSTUVWXYZ 0123456789"});
  document.elements.push_back(
      devices::QrCode{"https://example.gov.cn/verify/TEST-" + config.kiosk_id});
  document.elements.push_back(devices::Cut{});
  devices::ManagedReceiptPrinter& printer = deps_.devices->manager().receipt_printer();
  const devices::PrinterStatus before = printer.Refresh();
  if (auto printed = printer.Print(document); !printed) return Failed(printed.error());
  const devices::PrinterStatus after = printer.Refresh();
  std::string detail = std::string("paper ") + devices::ToString(after.paper);
  if (after.paper == devices::PaperState::kLow) detail += " (near end)";
  (void)before;
  return Passed(detail);
}

admin::DeviceTestResult KioskAdminServices::TestA4Page() {
  const KioskConfig& config = deps_.live_config();
  const nlohmann::json data = {
      {"title", "打印测试页"},
      {"item_name", "设备测试"},
      {"region_name", config.home_region},
      {"printed_at", Now(deps_.unix_ms())},
      {"kiosk_id", config.kiosk_id},
      {"data_source", "维护模式"},
      {"rows",
       nlohmann::json::array({{{"label", "中文"}, {"value", "社会保障卡 医疗保险 参保证明"}},
                              {{"label", "数字"}, {"value", "0123456789"}},
                              {{"label", "软件版本"}, {"value", KIOSK_VERSION}}})}};
  if (auto printed = deps_.devices->a4_printer().PrintDocument("query_result", data); !printed) {
    return Failed(printed.error());
  }
  return Passed("query_result template");
}

admin::DeviceTestResult KioskAdminServices::TestCard() {
  devices::CardReadOptions options;
  options.timeout = deps_.present_within;
  auto card = deps_.devices->manager().card_reader().Read(options);
  if (!card) return Failed(card.error());
  std::string detail = "card " + validation::MaskMiddle(card->card_number, 2, 2) + ", region " +
                       card->RegionCode() + ", expires " + card->expiry_date;
  card->Wipe();
  return Passed(detail);
}

admin::DeviceTestResult KioskAdminServices::TestIdCard() {
  devices::IdCardReadOptions options;
  options.timeout = deps_.present_within;
  auto card = deps_.devices->manager().id_card_reader().Read(options);
  if (!card) return Failed(card.error());
  std::string detail =
      "ID " + validation::MaskIdNumber(card->id_number) + ", valid to " + card->valid_to;
  card->Wipe();
  return Passed(detail);
}

admin::DeviceTestResult KioskAdminServices::TestScan() {
  std::unique_lock lock(scan_mutex_);
  scan_.reset();
  scan_wanted_ = true;
  const bool arrived =
      scan_arrived_.wait_for(lock, deps_.present_within, [this] { return scan_.has_value(); });
  scan_wanted_ = false;
  if (!arrived) {
    return {false,
            "no code scanned within " + std::to_string(deps_.present_within.count()) + " ms"};
  }
  Result<devices::ScanPayload> scan = std::move(*scan_);
  scan_.reset();
  if (!scan) return Failed(scan.error());
  std::string detail = scan->Redacted();
  scan->Wipe();
  return Passed(detail);
}

bool KioskAdminServices::OfferScan(const Result<devices::ScanPayload>& payload) {
  std::lock_guard lock(scan_mutex_);
  if (!scan_wanted_ || scan_) return false;
  scan_ = payload;
  scan_arrived_.notify_all();
  return true;
}

Result<std::string> KioskAdminServices::ReadOperatorCard() {
  devices::CardReadOptions options;
  options.timeout = std::chrono::seconds(5);
  auto card = deps_.devices->manager().card_reader().Read(options);
  if (!card) return std::unexpected(card.error());
  std::string number = card->card_number;
  card->Wipe();
  return number;
}

bool KioskAdminServices::HasFailedReceipt() {
  return deps_.devices->manager().receipt_printer().HasFailedJob();
}

Result<void> KioskAdminServices::ReprintFailedReceipt() {
  return deps_.devices->manager().receipt_printer().ReprintFailedJob();
}

Result<admin::QueueOverview> KioskAdminServices::Queue() {
  auto summary = SummarizeOutbox(*deps_.outbox);
  if (!summary) return std::unexpected(summary.error());
  auto capacity = deps_.outbox->Capacity();
  if (!capacity) return std::unexpected(capacity.error());
  admin::QueueOverview overview;
  for (const auto& [region, counts] : summary->by_region) {
    overview.regions.push_back(
        {region, counts.pending, counts.in_flight, counts.delivered, counts.dead});
  }
  if (summary->oldest_pending_unix_ms) {
    overview.oldest_pending_age_s =
        std::max<std::int64_t>(0, (deps_.unix_ms() - *summary->oldest_pending_unix_ms) / 1000);
  }
  overview.rows = capacity->rows;
  overview.max_rows = capacity->max_rows;
  overview.bytes = capacity->bytes;
  overview.max_bytes = capacity->max_bytes;
  overview.near_full = capacity->NearFull();
  overview.full = capacity->Full();
  for (const cache::OutboxEntry& row : summary->dead_letters) {
    overview.dead_letters.push_back(
        {row.id, row.region, row.item_id, row.last_error, row.attempts, row.created_unix_ms});
  }
  return overview;
}

Result<void> KioskAdminServices::RetryDeadLetter(std::int64_t id) {
  auto requeued = deps_.outbox->Requeue(id, deps_.unix_ms());
  if (requeued) deps_.delivery->Nudge();
  return requeued;
}

Result<void> KioskAdminServices::DiscardDeadLetter(std::int64_t id) {
  return deps_.outbox->Discard(id);
}

void KioskAdminServices::SyncNow() {
  deps_.delivery->Nudge();
  if (deps_.apply_loop != nullptr) deps_.apply_loop->PollNow();
}

admin::SyncOverview KioskAdminServices::Sync() {
  admin::SyncOverview sync;
  sync.online = deps_.network->State() == NetworkState::kOnline;
  const auto contacts = deps_.network->Contacts();
  for (const auto& [code, region] : deps_.live_config().regions) {
    admin::RegionContactLine line{code, 0, ""};
    if (auto found = contacts.find(code); found != contacts.end()) {
      line.last_success_unix_ms = found->second.last_success_unix_ms.value_or(0);
      if (!found->second.reachable && found->second.last_failure_unix_ms) {
        line.last_error = found->second.last_error;
      }
    }
    sync.regions.push_back(std::move(line));
  }
  auto certificates = KioskCertificates(*deps_.config, deps_.unix_ms() / 1000);
  if (!certificates) {
    sync.certificates.push_back({"TLS", "", 0, 0, certificates.error().Describe()});
  } else {
    for (const CertificateInfo& info : *certificates) {
      sync.certificates.push_back(
          {info.path, info.subject, info.not_after_unix, info.days_left, ""});
    }
  }
  return sync;
}

admin::ConfigOverview KioskAdminServices::Config() {
  admin::ConfigOverview overview;
  overview.applied = deps_.config_store->Current().value_or(0);
  overview.previous = deps_.config_store->Previous().value_or(0);
  overview.can_roll_back = deps_.apply_loop != nullptr && deps_.config_store->Current().has_value();
  if (deps_.apply_loop != nullptr) {
    overview.pending = deps_.apply_loop->WaitingVersion().value_or(0);
  }
  if (auto refused = deps_.config_store->LastRefused()) {
    overview.last_refused = refused->version;
    overview.last_refusal = refused->reason;
  }
  return overview;
}

Result<void> KioskAdminServices::RollBackConfig(const std::string& reason) {
  if (deps_.apply_loop == nullptr) {
    return Fail(ErrorCode::kSequence,
                "no headquarters configured: the installed configuration runs");
  }
  return deps_.apply_loop->RollBackByOperator(reason);
}

std::vector<log::LogLine> KioskAdminServices::RecentLog() { return log::RecentLines(); }

DiagnosticsInputs KioskAdminServices::Diagnostics() {
  DiagnosticsInputs inputs;
  const KioskConfig& config = deps_.live_config();
  inputs.kiosk_id = config.kiosk_id;
  inputs.region = config.home_region;
  inputs.software_version = KIOSK_VERSION;
  inputs.config_version = deps_.config_store->Current().value_or(0);
  inputs.devices = nlohmann::json::array();
  for (const devices::DeviceReport& report : Devices()) {
    inputs.devices.push_back({{"device", devices::ToString(report.device_class)},
                              {"backend", report.backend},
                              {"state", devices::ToString(report.state)},
                              {"paper", devices::ToString(report.paper)},
                              {"detail", report.detail}});
  }
  if (auto queue = Queue()) {
    nlohmann::json regions = nlohmann::json::object();
    for (const admin::QueueRegionCounts& counts : queue->regions) {
      regions[counts.region] = {{"pending", counts.pending},
                                {"in_flight", counts.in_flight},
                                {"delivered", counts.delivered},
                                {"dead", counts.dead}};
    }
    nlohmann::json dead = nlohmann::json::array();
    for (const admin::DeadLetter& letter : queue->dead_letters) {
      dead.push_back({{"id", letter.id},
                      {"region", letter.region},
                      {"item_id", letter.item_id},
                      {"reason", letter.reason},
                      {"attempts", letter.attempts}});
    }
    inputs.queue = {{"regions", regions},
                    {"oldest_pending_age_s", queue->oldest_pending_age_s},
                    {"rows", queue->rows},
                    {"max_rows", queue->max_rows},
                    {"near_full", queue->near_full},
                    {"dead_letters", dead}};
  } else {
    inputs.queue = {{"error", queue.error().Describe()}};
  }
  inputs.network = nlohmann::json::object();
  for (const admin::RegionContactLine& line : Sync().regions) {
    inputs.network[line.region] = {{"last_success_unix_ms", line.last_success_unix_ms},
                                   {"last_error", line.last_error}};
  }
  if (auto certificates = KioskCertificates(*deps_.config, deps_.unix_ms() / 1000)) {
    inputs.certificates = std::move(*certificates);
  }
  inputs.log = log::RecentLines();
  inputs.created_unix_ms = deps_.unix_ms();
  return inputs;
}

Result<std::string> KioskAdminServices::ExportToUsb() {
  std::vector<std::string> drives = RemovableMounts();
  if (drives.empty() && !deps_.simulated_usb_dir.empty()) {
    std::error_code error;
    std::filesystem::create_directories(deps_.simulated_usb_dir, error);
    drives.push_back(deps_.simulated_usb_dir);
  }
  if (drives.empty()) {
    return Fail(ErrorCode::kNotFound, "no USB drive mounted under /media or /run/media");
  }
  return ExportDiagnostics(Diagnostics(), drives.front());
}

Result<void> KioskAdminServices::SendToHeadquarters() {
  if (deps_.headquarters == nullptr) {
    return Fail(ErrorCode::kSequence, "no headquarters configured");
  }
  return deps_.headquarters->Report("diagnostics", DiagnosticsJson(Diagnostics()));
}

admin::TerminalOverview KioskAdminServices::Terminal() {
  const KioskConfig& config = deps_.live_config();
  admin::TerminalOverview terminal;
  terminal.kiosk_id = config.kiosk_id;
  terminal.region = config.home_region;
  terminal.software_version = KIOSK_VERSION;
  terminal.uptime_s = std::chrono::duration_cast<std::chrono::seconds>(
                          std::chrono::steady_clock::now() - deps_.started)
                          .count();
  std::lock_guard lock(state_mutex_);
  terminal.in_service = state_.in_service;
  terminal.out_of_service_reason = state_.out_of_service_reason;
  if (!state_.region_override.empty()) terminal.region = state_.region_override;
  for (const auto& [code, region] : config.regions) terminal.regions.push_back(code);
  return terminal;
}

Result<void> KioskAdminServices::SetInService(bool in_service, const std::string& reason) {
  std::lock_guard lock(state_mutex_);
  admin::TerminalState next = state_;
  next.in_service = in_service;
  next.out_of_service_reason = in_service ? "" : reason;
  next.changed_unix_ms = deps_.unix_ms();
  if (auto saved = admin::SaveTerminalState(deps_.terminal_state_file, next); !saved) return saved;
  state_ = next;
  in_service_ = in_service;
  log::Warning(kLog, "terminal {} ({})", in_service ? "back in service" : "out of service", reason);
  return {};
}

Result<void> KioskAdminServices::ChangeRegion(const std::string& region) {
  const KioskConfig& config = deps_.live_config();
  if (!config.regions.contains(region)) {
    return Fail(ErrorCode::kInvalidArgument, "region " + region + " is not in the configuration");
  }
  std::lock_guard lock(state_mutex_);
  admin::TerminalState next = state_;
  next.region_override = region == deps_.config->home_region ? "" : region;
  next.changed_unix_ms = deps_.unix_ms();
  if (auto saved = admin::SaveTerminalState(deps_.terminal_state_file, next); !saved) return saved;
  state_ = next;
  log::Warning(kLog, "terminal region set to {} from the next start", region);
  return {};
}

admin::TerminalState KioskAdminServices::State() {
  std::lock_guard lock(state_mutex_);
  return state_;
}

void KioskAdminServices::RestartProgram() {
  log::Warning(kLog, "restart asked for in admin mode");
  if (deps_.restart) deps_.restart();
}

}  // namespace kiosk
