// Admin mode's device tests on the kiosk's simulated devices, through the
// same services the running kiosk uses: each test passes when the device
// works and reports the failure precisely when it does not.
#include <catch2/catch.hpp>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <thread>

#include "kiosk/app/kiosk_admin_services.h"
#include "kiosk/app/kiosk_devices.h"
#include "kiosk/core/config/kiosk_config.h"
#include "tests/unit/temp_path.h"

using namespace kiosk;
using admin::DeviceTest;

namespace {

struct SimKiosk {
  testing::TempPath dir{"admin_device_tests"};
  KioskConfig config;
  std::unique_ptr<KioskDevices> devices;
  std::unique_ptr<KioskAdminServices> services;

  SimKiosk() {
    std::filesystem::create_directories(dir.str());
    auto loaded = LoadKioskConfig(KIOSK_CONFIG_DIR);
    REQUIRE(loaded);
    config = *loaded;
    KioskDeviceOptions options;
    options.simulated = true;
    options.data_dir = dir.str();
    options.receipt_out = dir.str() + "/receipts.escpos";
    auto created = KioskDevices::Create(config, options);
    REQUIRE(created);
    devices = std::move(*created);
    devices->manager().CheckNow();
    KioskAdminServicesDependencies deps;
    deps.config = &config;
    deps.live_config = [this]() -> const KioskConfig& { return config; };
    deps.devices = devices.get();
    deps.data_dir = dir.str();
    deps.terminal_state_file = dir.str() + "/terminal_state.json";
    deps.unix_ms = [] { return std::int64_t{1'764'900'000'000}; };
    deps.started = std::chrono::steady_clock::now();
    deps.present_within = std::chrono::milliseconds(300);
    services = std::make_unique<KioskAdminServices>(deps);
    devices->manager().barcode_reader().SetScanHandler([this](devices::ScanEvent event) {
      services->OfferScan(event.payload);
      event.Wipe();
    });
    REQUIRE(devices->manager().barcode_reader().StartScanning());
  }
  ~SimKiosk() { devices->manager().barcode_reader().SetScanHandler({}); }

  void Sim(std::vector<std::string> words) {
    REQUIRE(devices->sim()->Apply(words));
    devices->manager().CheckNow();
  }
  admin::DeviceTestResult Run(DeviceTest test) { return services->RunDeviceTest(test); }
};

bool Mentions(const admin::DeviceTestResult& result, const std::string& text) {
  INFO(result.detail);
  return result.detail.find(text) != std::string::npos;
}

}  // namespace

TEST_CASE("device status lists every device with its state", "[admin]") {
  SimKiosk kiosk;
  const auto reports = kiosk.services->Devices();
  CHECK(reports.size() == 4);
  for (const auto& report : reports) CHECK(report.Usable());
  kiosk.Sim({"printer", "paper", "out"});
  bool paper_out = false;
  for (const auto& report : kiosk.services->Devices()) {
    if (report.device_class == devices::DeviceClass::kReceiptPrinter) {
      paper_out = report.paper == devices::PaperState::kOut;
    }
  }
  CHECK(paper_out);
}

TEST_CASE("the test receipt prints, and fails for no paper, an open cover, a printer offline",
          "[admin]") {
  SimKiosk kiosk;
  const auto printed = kiosk.Run(DeviceTest::kReceipt);
  CHECK(printed.passed);
  CHECK(std::filesystem::file_size(kiosk.dir.str() + "/receipts.escpos") > 0);

  kiosk.Sim({"printer", "paper", "out"});
  auto no_paper = kiosk.Run(DeviceTest::kReceipt);
  CHECK_FALSE(no_paper.passed);
  CHECK(Mentions(no_paper, "paper"));
  kiosk.Sim({"printer", "paper", "full"});

  kiosk.Sim({"printer", "cover", "open"});
  auto cover = kiosk.Run(DeviceTest::kReceipt);
  CHECK_FALSE(cover.passed);
  CHECK(Mentions(cover, "cover"));
  kiosk.Sim({"printer", "cover", "closed"});

  kiosk.Sim({"printer", "offline"});
  auto offline = kiosk.Run(DeviceTest::kReceipt);
  CHECK_FALSE(offline.passed);
  CHECK(Mentions(offline, "offline"));
}

TEST_CASE("the card test reads the inserted card and shows its number masked", "[admin]") {
  SimKiosk kiosk;
  auto none = kiosk.Run(DeviceTest::kCard);
  CHECK_FALSE(none.passed);  // Nothing was presented in time.

  kiosk.Sim({"card", "insert", "zhang-wei"});
  auto read = kiosk.Run(DeviceTest::kCard);
  CHECK(read.passed);
  CHECK_FALSE(Mentions(read, "A03419582"));  // The whole card number is not shown.
  CHECK(Mentions(read, "A0"));
  CHECK(Mentions(read, "440300"));
  kiosk.Sim({"card", "remove"});

  kiosk.Sim({"card", "fault", "unreadable"});
  kiosk.Sim({"card", "insert", "zhang-wei"});
  auto unreadable = kiosk.Run(DeviceTest::kCard);
  CHECK_FALSE(unreadable.passed);
  kiosk.Sim({"card", "remove"});

  kiosk.Sim({"card", "unplug"});
  auto unplugged = kiosk.Run(DeviceTest::kCard);
  CHECK_FALSE(unplugged.passed);
}

TEST_CASE("the ID card test reads the card on the reader, its number masked", "[admin]") {
  SimKiosk kiosk;
  auto none = kiosk.Run(DeviceTest::kIdCard);
  CHECK_FALSE(none.passed);
  kiosk.Sim({"idcard", "place", "zhang-wei"});
  auto read = kiosk.Run(DeviceTest::kIdCard);
  CHECK(read.passed);
  CHECK_FALSE(Mentions(read, "440304198803152711"));
  kiosk.Sim({"idcard", "take"});
  kiosk.Sim({"idcard", "unplug"});
  CHECK_FALSE(kiosk.Run(DeviceTest::kIdCard).passed);
}

TEST_CASE("the scan test takes the next code scanned, or says none came", "[admin]") {
  SimKiosk kiosk;
  auto none = kiosk.Run(DeviceTest::kScan);
  CHECK_FALSE(none.passed);
  CHECK(Mentions(none, "no code scanned"));

  std::thread scanner([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    REQUIRE(kiosk.devices->sim()->Apply({"scanner", "scan", "TEST-CODE-42"}));
  });
  auto scanned = kiosk.Run(DeviceTest::kScan);
  scanner.join();
  CHECK(scanned.passed);
  CHECK(Mentions(scanned, "TEST-CODE-42"));
  // A code nobody is waiting for is not the test's: the citizen's session gets it.
  CHECK_FALSE(kiosk.services->OfferScan(devices::ScanPayload{}));
}

TEST_CASE("the A4 test page renders through the document printer", "[admin]") {
  SimKiosk kiosk;
  auto page = kiosk.Run(DeviceTest::kA4Page);
  INFO(page.detail);
  CHECK(page.passed);
}

TEST_CASE("out of service outlasts a restart; a garbled state file leaves it in service",
          "[admin]") {
  SimKiosk kiosk;
  CHECK(kiosk.services->InService());
  REQUIRE(kiosk.services->SetInService(false, "设备或系统维护"));
  CHECK_FALSE(kiosk.services->InService());
  {
    KioskAdminServicesDependencies deps;
    deps.config = &kiosk.config;
    deps.live_config = [&]() -> const KioskConfig& { return kiosk.config; };
    deps.terminal_state_file = kiosk.dir.str() + "/terminal_state.json";
    KioskAdminServices restarted(deps);
    CHECK_FALSE(restarted.InService());
    CHECK(restarted.Terminal().out_of_service_reason == "设备或系统维护");
  }
  REQUIRE(kiosk.services->ChangeRegion("440300"));
  CHECK(kiosk.services->Terminal().region == "440300");
  CHECK_FALSE(kiosk.services->ChangeRegion("110000"));
  {
    std::ofstream garbled(kiosk.dir.str() + "/terminal_state.json", std::ios::trunc);
    garbled << "{not json";
  }
  KioskAdminServicesDependencies deps;
  deps.config = &kiosk.config;
  deps.live_config = [&]() -> const KioskConfig& { return kiosk.config; };
  deps.terminal_state_file = kiosk.dir.str() + "/terminal_state.json";
  KioskAdminServices garbled(deps);
  CHECK(garbled.InService());
}
