// kiosk: the terminal program. Wires configuration, devices, the outbox,
// the central client and the session to the touch UI.

#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <filesystem>
#include <string>

#include "common/log.h"
#include "drivers/speech/espeak_speech.h"
#include "drivers/speech/sdl_audio_sink.h"
#include "drivers/speech/wav_file_sink.h"
#include "kiosk/app/config_apply_loop.h"
#include "kiosk/app/kiosk_admin_services.h"
#include "kiosk/app/kiosk_devices.h"
#include "kiosk/app/kiosk_paths.h"
#include "kiosk/app/service_notifier.h"
#include "kiosk/app/stop_signals.h"
#include "kiosk/core/admin/admin_console.h"
#include "kiosk/core/admin/terminal_state.h"
#include "kiosk/core/catalog/catalog_search.h"
#include "kiosk/core/central/headquarters_client.h"
#include "kiosk/core/central/http_central_client.h"
#include "kiosk/core/central/switchable_central_client.h"
#include "kiosk/core/fleet/heartbeat_sender.h"
#include "kiosk/core/fleet/heartbeat_sources.h"
#include "kiosk/core/session/session.h"
#include "kiosk/core/sync/delivery_worker.h"
#include "kiosk/core/sync/kiosk_outbox.h"
#include "kiosk/core/sync/network_monitor.h"
#include "ui/app/kiosk_window.h"
#include "ui/item_regions.h"

namespace {

constexpr const char* kUsage = R"(usage: kiosk [options]
  --config DIR        configuration directory (default: the repository's firmware_config)
  --devices sim|real  simulated devices (default) or the hardware the hardware profile
                      (firmware_config/devices/hardware.json) lists
  --central URL       send every region's requests to this central service
  --data-dir DIR      where the outbox lives (default: /var/lib/kiosk)
  --receipt-out FILE  where the simulated receipt printer writes its ESC/POS bytes
                      (default: DATA_DIR/sim-receipts.escpos)
  --windowed          a 1920x1080 window instead of full screen and lockdown
  --script FILE       replay a scenario (taps, device events, screenshots), then exit
  --version           print the version and exit
)";

struct Options {
  std::string config_dir = KIOSK_DEFAULT_CONFIG_DIR;
  std::string devices = "sim";
  std::string central;
  std::string data_dir = "/var/lib/kiosk";
  std::string receipt_out;
  std::string script;
  bool windowed = false;
};

int UsageError(const std::string& message) {
  std::fprintf(stderr, "kiosk: %s\n%s", message.c_str(), kUsage);
  return 2;
}

std::int64_t UnixMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

}  // namespace

int main(int argc, char** argv) {
  const auto process_start = std::chrono::steady_clock::now();
  using namespace kiosk;
  Options options;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    auto value = [&](std::string& target) {
      if (i + 1 >= argc) return false;
      target = argv[++i];
      return true;
    };
    if (arg == "--help" || arg == "-h") {
      std::fputs(kUsage, stdout);
      return 0;
    } else if (arg == "--version") {
      std::printf("kiosk %s\n", KIOSK_VERSION);
      return 0;
    } else if (arg == "--windowed") {
      options.windowed = true;
    } else if (arg == "--config") {
      if (!value(options.config_dir)) return UsageError("--config needs a directory");
    } else if (arg == "--devices") {
      if (!value(options.devices) || (options.devices != "sim" && options.devices != "real")) {
        return UsageError("--devices takes sim or real");
      }
    } else if (arg == "--central") {
      if (!value(options.central)) return UsageError("--central needs a URL");
    } else if (arg == "--data-dir") {
      if (!value(options.data_dir)) return UsageError("--data-dir needs a directory");
    } else if (arg == "--receipt-out") {
      if (!value(options.receipt_out)) return UsageError("--receipt-out needs a file");
    } else if (arg == "--script") {
      if (!value(options.script)) return UsageError("--script needs a file");
    } else {
      return UsageError("unknown option " + arg);
    }
  }

  // SIGTERM (systemd's stop) and SIGINT end the loop cleanly. Blocked here,
  // before any thread starts, so only the signal waiter takes them.
  auto stop_signals = StopSignals::Start([](int) { ui::KioskWindow::RequestStop(); });
  if (!stop_signals) {
    log::Error("kiosk", "{}", stop_signals.error().Describe());
    return 1;
  }

  // The installed configuration says who this terminal is; what it runs
  // may be a newer one from headquarters (DATA_DIR/config).
  auto terminal = LoadKioskConfig(options.config_dir);
  if (!terminal) {
    log::Error("kiosk", "configuration refused: {}", terminal.error().Describe());
    return 1;
  }
  std::error_code error;
  std::filesystem::create_directories(options.data_dir, error);
  if (error) {
    log::Error("kiosk", "cannot create data directory {}: {} (choose one with --data-dir)",
               options.data_dir, error.message());
    return 1;
  }
  const std::filesystem::path data_dir(options.data_dir);
  // The log also goes to DATA_DIR/logs (admin mode reads and exports it).
  std::filesystem::create_directories(data_dir / "logs", error);
  if (auto opened = log::OpenLogFile((data_dir / "logs" / "kiosk.log").string(), 5 << 20);
      !opened) {
    log::Error("kiosk", "log file unavailable (stderr only): {}", opened.error().Describe());
  }
  // A region an administrator chose in admin mode takes effect here.
  const std::string terminal_state_file = (data_dir / "terminal_state.json").string();
  std::string region_override;
  if (auto state = admin::LoadTerminalState(terminal_state_file);
      state && !state->region_override.empty()) {
    if (terminal->regions.contains(state->region_override)) {
      region_override = state->region_override;
      log::Warning("kiosk", "region {} chosen in admin mode (configured: {})", region_override,
                   terminal->home_region);
      terminal->home_region = region_override;
    } else {
      log::Error("kiosk", "region {} chosen in admin mode is not configured; running as {}",
                 state->region_override, terminal->home_region);
    }
  }
  const ConfigurationSource installed{
      options.config_dir, 0, nullptr, options.central, (data_dir / "last_good_catalog").string(),
      region_override};
  ConfigStore config_store((data_dir / "config").string());
  auto live = StartUpConfiguration(config_store, installed, *terminal);
  if (!live) {
    log::Error("kiosk", "configuration refused: {}", live.error().Describe());
    return 1;
  }
  // The configuration the kiosk starts with. A switch to headquarters' next
  // one moves the session and the UI (switch_to), and the devices, the
  // endpoints and the outbox bounds (switch_services); the sealing key's
  // place, the record cache's age and the window size wait for a restart.
  const KioskConfig* config = &(*live)->config;
  const Catalog* catalog = &(*live)->catalog;
  const TextTable* texts = &(*live)->texts;
  CatalogSearch* search = &*(*live)->search;
  std::vector<ui::ScriptCommand> script;
  if (!options.script.empty()) {
    auto loaded = ui::LoadScript(options.script);
    if (!loaded) {
      log::Error("kiosk", "{}", loaded.error().Describe());
      return 2;
    }
    script = std::move(*loaded);
  }

  // The sealing key is made on the first start, beside the outbox unless
  // the config names a place (storage.key_file).
  auto outbox = OpenKioskOutbox(*config, options.data_dir, KeyCreation::kCreateIfMissing);
  if (!outbox) {
    log::Error("kiosk", "outbox unavailable: {}", outbox.error().Describe());
    return 1;
  }
  // Only a copy: without it the kiosk runs, and queries need the network.
  auto record_cache = OpenKioskRecordCache(*config, options.data_dir, KeyCreation::kMustExist);
  if (!record_cache) {
    log::Error("kiosk", "record cache unavailable (queries need the network): {}",
               record_cache.error().Describe());
  }

  KioskDeviceOptions device_options;
  device_options.simulated = options.devices == "sim";
  device_options.data_dir = data_dir;
  device_options.receipt_out = options.receipt_out.empty()
                                   ? (data_dir / "sim-receipts.escpos").string()
                                   : options.receipt_out;
  auto kiosk_devices = KioskDevices::Create(*config, device_options);
  if (!kiosk_devices) {
    log::Error("kiosk", "devices refused: {}", kiosk_devices.error().Describe());
    return 1;
  }
  devices::DeviceManager& device_manager = (*kiosk_devices)->manager();
  SimDevices* sim = (*kiosk_devices)->sim();

  HttpClientOptions http = ClientOptionsFor(*config);
  SwitchableCentralClient central(std::make_shared<HttpCentralClient>(http));
  // Every exchange passes the monitor: the status bar's network state.
  NetworkMonitor network(central, config->home_region, UnixMs);
  network.SetChangeHandler([](NetworkState) { ui::KioskWindow::Wake(); });
  std::vector<std::string> regions;
  for (const auto& [code, region] : config->regions) regions.push_back(code);
  network.Start(regions, config->health_check_interval);
  DeliveryWorker delivery(**outbox, network, DeliveryPolicy{}, UnixMs);
  delivery.Start();

  SteadyClock clock;
  TaskRunner tasks;
  SessionDependencies deps;
  deps.config = &*config;
  deps.catalog = &*catalog;
  deps.texts = &*texts;
  deps.central = &network;
  deps.card_reader = &device_manager.card_reader();
  deps.id_card_reader = &device_manager.id_card_reader();
  deps.receipt_printer = &device_manager.receipt_printer();
  deps.a4_printer = &(*kiosk_devices)->a4_printer();
  deps.outbox = outbox->get();
  deps.record_cache = record_cache ? record_cache->get() : nullptr;
  deps.clock = &clock;
  deps.tasks = &tasks;
  deps.unix_ms = UnixMs;
  deps.submitted = [&delivery] { delivery.Nudge(); };
  deps.deliver_now = [&delivery](std::int64_t row) { return delivery.DeliverNow(row); };
  Session session(deps);
  // Device events come on the drivers' threads: each becomes a completion
  // the session handles on the UI thread.
  // While admin mode is open a card is the operator's, not a citizen's.
  admin::AdminConsole* admin_for_events = nullptr;
  device_manager.card_reader().SetEventHandler(
      [&tasks, &session, &admin_for_events](devices::CardEvent event) {
        tasks.PostCompletion([&session, &admin_for_events, event] {
          if (admin_for_events != nullptr && admin_for_events->IsOpen()) {
            if (event == devices::CardEvent::kInserted) admin_for_events->OnCardInserted();
            if (event == devices::CardEvent::kRemoved) admin_for_events->OnCardRemoved();
            return;
          }
          session.OnCardEvent(event);
        });
      });
  device_manager.id_card_reader().SetEventHandler([&tasks, &session](devices::IdCardEvent event) {
    tasks.PostCompletion([&session, event] { session.OnIdCardEvent(event); });
  });
  KioskAdminServices* scan_test = nullptr;  // Set once admin mode exists.
  device_manager.barcode_reader().SetScanHandler(
      [&tasks, &session, &scan_test](devices::ScanEvent event) {
        if (scan_test != nullptr && scan_test->OfferScan(event.payload)) {
          event.Wipe();
          return;
        }
        auto payload = std::make_shared<Result<devices::ScanPayload>>(std::move(event.payload));
        event.Wipe();
        tasks.PostCompletion([&session, payload] { session.OnScan(std::move(*payload)); });
      });
  device_manager.SetStatusHandler([&tasks, &session](const devices::DeviceReport& report) {
    tasks.PostCompletion([&session, report] { session.OnDeviceReport(report); });
  });
  if (sim != nullptr) sim->SetAfterChange([&device_manager] { device_manager.CheckNow(); });
  device_manager.Start();
  // The ID card lies on its reader: polling tells when one is placed. Codes
  // are read all the time; the session acts only on those it asked for.
  device_manager.id_card_reader().StartWatching();
  (void)device_manager.barcode_reader().StartScanning();  // Remembered until a scanner opens.

  // Admin mode: operators and their lockout, the audit trail, the services
  // staff see. Without its audit log or operators it stays shut (logged).
  std::unique_ptr<admin::AuditLog> audit;
  if (auto opened =
          admin::AuditLog::Open((data_dir / "audit.log").string(), terminal->kiosk_id, UnixMs)) {
    audit = std::move(*opened);
  } else {
    log::Error("kiosk", "audit log unavailable, admin mode disabled: {}",
               opened.error().Describe());
  }
  auto operators = admin::LoadOperators(admin::OperatorsPath(options.config_dir));
  if (!operators) {
    log::Error("kiosk", "operators not loaded, admin mode disabled: {}",
               operators.error().Describe());
  }
  std::unique_ptr<admin::AdminLogin> admin_login;
  if (audit && operators) {
    auto opened = admin::AdminLogin::Open(*operators, (data_dir / "admin_login.json").string(),
                                          *audit, UnixMs);
    if (opened) {
      admin_login = std::move(*opened);
    } else {
      log::Error("kiosk", "admin login state unavailable, admin mode disabled: {}",
                 opened.error().Describe());
    }
  }
  std::unique_ptr<HeadquartersClient> headquarters;
  if (terminal->headquarters) {
    const HeadquartersConfig& hq = *terminal->headquarters;
    HeadquartersOptions hq_options;
    hq_options.api_endpoint = options.central.empty() ? hq.endpoint : options.central;
    hq_options.repository_url = hq.config_repository;
    hq_options.kiosk_id = terminal->kiosk_id;
    hq_options.connect_timeout = terminal->connect_timeout;
    hq_options.tls = http.tls;
    headquarters = std::make_unique<HeadquartersClient>(hq_options);
  }
  KioskAdminServicesDependencies admin_deps;
  admin_deps.config = &*terminal;
  // The set that runs now: the apply loop's once it owns it (a switch
  // replaces it), else the one started with. UI thread only.
  std::unique_ptr<ConfigApplyLoop> apply_loop;
  admin_deps.live_config = [&apply_loop, &live]() -> const KioskConfig& {
    return apply_loop ? apply_loop->Live().config : (*live)->config;
  };
  admin_deps.devices = kiosk_devices->get();
  admin_deps.outbox = outbox->get();
  admin_deps.network = &network;
  admin_deps.delivery = &delivery;
  admin_deps.config_store = &config_store;
  admin_deps.headquarters = headquarters.get();
  admin_deps.data_dir = data_dir;
  admin_deps.terminal_state_file = terminal_state_file;
  if (options.devices == "sim") admin_deps.simulated_usb_dir = (data_dir / "usb").string();
  admin_deps.unix_ms = UnixMs;
  admin_deps.started = process_start;
  admin_deps.restart = [] { ui::KioskWindow::RequestStop(); };
  KioskAdminServices admin_services(admin_deps);
  std::unique_ptr<admin::AdminConsole> admin_console;
  if (admin_login) {
    admin::AdminConsoleDependencies console_deps;
    console_deps.services = &admin_services;
    console_deps.audit = audit.get();
    console_deps.login = admin_login.get();
    console_deps.operators = &*operators;
    console_deps.tasks = &tasks;
    console_deps.clock = &clock;
    console_deps.read_operator_card = [&admin_services] {
      return admin_services.ReadOperatorCard();
    };
    admin_console = std::make_unique<admin::AdminConsole>(std::move(console_deps));
  }

  ui::WindowOptions window_options;
  window_options.windowed = options.windowed;
  window_options.width = config->screen_width;
  window_options.height = config->screen_height;
  window_options.process_start = process_start;
  window_options.script = std::move(script);
  ui::WindowDependencies window_deps;
  window_deps.session = &session;
  window_deps.tasks = &tasks;
  window_deps.clock = &clock;
  window_deps.config = &*config;
  window_deps.texts = &*texts;
  window_deps.languages = &(*live)->languages;
  window_deps.catalog = &*catalog;
  window_deps.search = &*search;
  window_deps.receipt_printer = &device_manager.receipt_printer();
  if (sim != nullptr) {
    window_deps.sim_device = [sim](const std::vector<std::string>& words) {
      return sim->Apply(words);
    };
  }
  // Voice guidance: to the speaker, or with simulated devices into
  // DATA_DIR/speech.wav (what a test can listen to). Without voice data
  // the kiosk runs silent.
  std::unique_ptr<devices::PcmSink> speech_sink;
  if (options.devices == "sim") {
    speech_sink = std::make_unique<devices::WavFileSink>(data_dir / "speech.wav");
  } else {
    speech_sink = std::make_unique<devices::SdlAudioSink>();
  }
  auto speech = devices::EspeakSpeech::Create(std::move(speech_sink));
  if (speech) {
    window_deps.speech = speech->get();
  } else {
    log::Error("kiosk", "no voice guidance: {}", speech.error().Describe());
  }
  // Headquarters' configuration: polled, verified and staged in the
  // background, applied between citizens (config_apply_loop.h).
  std::unique_ptr<ConfigUpdater> updater;
  std::atomic<std::int64_t> applied_version{(*live)->version};
  window_deps.applied_config_version = [&applied_version] { return applied_version.load(); };
  window_deps.network_state = [&network] { return network.State(); };
  // Under systemd (deploy/systemd/kiosk.service): ready once the first
  // frame shows, the watchdog fed by the UI loop alone, a status line.
  ServiceNotifier service;
  window_deps.max_sleep = service.LoopInterval();
  window_deps.first_frame = [&service] { (void)service.Ready(); };
  window_deps.loop_alive = [&service, &session, &admin_console, &admin_services] {
    (void)service.LoopAlive();
    ServiceStatus status = session.Idle() ? ServiceStatus::kHome : ServiceStatus::kCitizenSession;
    if (admin_console && admin_console->IsOpen()) {
      status = ServiceStatus::kAdminMode;
    } else if (!admin_services.InService()) {
      status = ServiceStatus::kOutOfService;
    }
    (void)service.SetStatus(status);
  };
  window_deps.admin = admin_console.get();
  window_deps.in_service = [&admin_services] { return admin_services.InService(); };
  admin_for_events = admin_console.get();
  scan_test = &admin_services;
  auto window = ui::KioskWindow::Create(std::move(window_options), std::move(window_deps));
  if (!window) {
    log::Error("kiosk", "{}", window.error().Describe());
    return 1;
  }
  if (terminal->headquarters) {
    const HeadquartersConfig& hq = *terminal->headquarters;
    UpdaterOptions updater_options;
    updater_options.shipped_root_file =
        (std::filesystem::path(terminal->config_dir) / "keys" / "root.json").string();
    updater_options.accepted_root_file = (data_dir / "config" / "root.json").string();
    updater_options.identity = {terminal->kiosk_id, terminal->home_region, terminal->groups};
    updater = std::make_unique<ConfigUpdater>(updater_options, *headquarters, config_store);
    ApplyHooks hooks;
    // Not while staff are in admin mode either: they see what runs.
    hooks.idle = [&session, &admin_console] {
      return session.Idle() && !(admin_console && admin_console->IsOpen());
    };
    hooks.switch_services = [&kiosk_devices, &central, &outbox](const KioskConfig& next) {
      // Endpoints, timeouts and bounds first: they cannot fail.
      central.SwitchTo(std::make_shared<HttpCentralClient>(ClientOptionsFor(next)));
      (*outbox)->SetLimits(next.storage.max_rows, OutboxMaxBytes(next), OutboxRetention(next));
      return (*kiosk_devices)->SwitchTo(next);
    };
    ui::KioskWindow* kiosk_window = window->get();
    hooks.switch_to = [&session, kiosk_window, &applied_version](
                          ConfigurationSet& set, std::function<void(Result<void>)> rendered) {
      session.Reconfigure(&set.config, &set.catalog, &set.texts);
      kiosk_window->Reconfigure(&set.config, &set.texts, &set.languages, &set.catalog, &*set.search,
                                [&applied_version, version = set.version,
                                 rendered = std::move(rendered)](Result<void> drawn) {
                                  if (drawn) applied_version = version;
                                  rendered(std::move(drawn));
                                });
    };
    // A bundle is loaded for the installed terminal: its identity stays.
    ConfigurationSource bundles = installed;
    bundles.terminal = &*terminal;
    apply_loop = std::make_unique<ConfigApplyLoop>(*updater, config_store, tasks, std::move(hooks),
                                                   bundles, std::move(*live), hq.poll_interval,
                                                   hq.poll_jitter_percent);
    apply_loop->Start();
    admin_services.SetApplyLoop(apply_loop.get());
    log::Info("kiosk", "configuration from {} every {} s (±{} %)", hq.config_repository,
              hq.poll_interval.count(), hq.poll_jitter_percent);
  } else {
    log::Info("kiosk", "no headquarters configured: running the configuration as installed");
  }
  // The fleet status: a heartbeat to headquarters every interval, with the
  // devices, the queue (and its near-full warning), the configuration, the
  // audit chain's head and whether staff took the terminal out of service.
  std::unique_ptr<HeartbeatSender> heartbeat;
  if (headquarters) {
    auto snapshot = [&] {
      HeartbeatSnapshot beat;
      beat.kiosk_id = terminal->kiosk_id;
      beat.region = terminal->home_region;
      beat.software_version = KIOSK_VERSION;
      beat.config_version = applied_version.load();
      beat.uptime_s = std::chrono::duration_cast<std::chrono::seconds>(
                          std::chrono::steady_clock::now() - process_start)
                          .count();
      const admin::TerminalState state = admin_services.State();
      beat.in_service = state.in_service;
      beat.out_of_service_reason = state.out_of_service_reason;
      for (const devices::DeviceReport& report : device_manager.Reports()) {
        beat.devices.push_back(DeviceHeartbeatFrom(report));
      }
      if (auto queue = QueueHeartbeatFrom(**outbox, UnixMs())) {
        beat.queue = *queue;
      } else {
        log::Warning("kiosk", "heartbeat without the queue: {}", queue.error().Describe());
      }
      for (const auto& [region, contact] : network.Contacts()) {
        beat.last_contact_unix_ms[region] = contact.last_success_unix_ms.value_or(0);
      }
      if (audit) {
        const admin::AuditHead head = audit->Head();
        beat.audit_seq = head.seq;
        beat.audit_hash = head.hash;
      }
      return beat;
    };
    heartbeat = std::make_unique<HeartbeatSender>(
        snapshot,
        [&headquarters](const nlohmann::json& beat) {
          return headquarters->Report("heartbeat", beat);
        },
        terminal->headquarters->heartbeat_interval);
    heartbeat->Start();
  }
  const int exit_code = (*window)->Run();
  if (heartbeat) heartbeat->Stop();
  (void)service.Stopping();
  if (apply_loop) apply_loop->Stop();
  // The window draws from the configuration the loop owns: it goes first;
  // the voice before SDL stops with the window.
  if (speech) speech->reset();
  window->reset();
  device_manager.Stop();
  device_manager.card_reader().SetEventHandler({});
  device_manager.id_card_reader().SetEventHandler({});
  device_manager.barcode_reader().SetScanHandler({});
  device_manager.SetStatusHandler({});
  tasks.WaitIdle();
  admin_for_events = nullptr;
  scan_test = nullptr;
  delivery.Nudge();
  delivery.Stop();
  network.Stop();
  log::Info("kiosk", "stopped");
  return exit_code;
}
