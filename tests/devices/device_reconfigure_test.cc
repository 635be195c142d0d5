// A configuration from headquarters switching the devices without a
// restart: through the real openers, a receipt printer moved to another
// address is reopened there while an unchanged one stays open; through the
// kiosk's simulated devices, another receipt printer profile takes effect,
// a reader whose settings did not change keeps its card, a device that
// does not come up is reported and the old settings bring it back.

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "drivers/manager/device_manager.h"
#include "kiosk/app/kiosk_devices.h"
#include "kiosk/app/real_devices.h"
#include "tests/emulators/escpos_printer_emulator.h"
#include "tests/support/escpos_decoder.h"
#include "tests/support/temp_dir.h"

namespace kiosk {
namespace {

namespace fs = std::filesystem;
using devices::DeviceClass;
using kiosk::testing::TempDir;

const std::string kConfig = KIOSK_CONFIG_DIR;

void Write(const fs::path& path, const nlohmann::json& json) {
  std::ofstream(path) << json.dump(2);
}

// A hardware profile with only an ESC/POS printer on `port`, in `dir`.
devices::HardwareProfile PrinterOnPort(const fs::path& dir, std::uint16_t port) {
  fs::create_directories(dir);
  Write(dir / "receipt_printer.json", {{"format_version", 1},
                                       {"uri", "tcp://127.0.0.1:" + std::to_string(port)},
                                       {"model", "epson-tm-t88v"},
                                       {"profiles", kConfig + "/printers"},
                                       {"connect_timeout_ms", 300},
                                       {"status_timeout_ms", 200}});
  Write(dir / "hardware.json",
        {{"format_version", 1},
         {"devices",
          {{"receipt_printer", {{"backend", "escpos"}, {"profile", "receipt_printer.json"}}}}}});
  auto profile = devices::LoadHardwareProfile((dir / "hardware.json").string());
  REQUIRE(profile);
  return *profile;
}

devices::ReceiptDocument Receipt(const std::string& text) {
  devices::ReceiptDocument document;
  document.elements.push_back(devices::Text{.text = text});
  document.elements.push_back(devices::Separator{});
  document.elements.push_back(devices::Cut{});
  return document;
}

// The printed lines (not the blank ones fed before a cut).
std::vector<testing::DecodedLine> Lines(const std::vector<std::uint8_t>& bytes) {
  std::vector<testing::DecodedLine> lines;
  for (const auto& job : testing::DecodeEscPos(bytes).jobs) {
    for (const auto& line : job.lines) {
      if (!line.fed && !line.text.empty()) lines.push_back(line);
    }
  }
  return lines;
}

std::vector<std::uint8_t> FileBytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// The shipped configuration copied to `dir`, edited by `edit` (kiosk.json).
KioskConfig ConfigCopy(const fs::path& dir, const std::function<void(nlohmann::json&)>& edit) {
  fs::copy(kConfig, dir, fs::copy_options::recursive);
  std::ifstream in(dir / "kiosk.json");
  auto json = nlohmann::json::parse(in);
  edit(json);
  Write(dir / "kiosk.json", json);
  auto config = LoadKioskConfig(dir.string());
  REQUIRE(config);
  return *config;
}

}  // namespace

TEST_CASE("a printer moved to another address is reopened there; an unchanged one stays open",
          "[devices]") {
  auto first = emulators::EscPosPrinterEmulator::ListenTcp();
  auto second = emulators::EscPosPrinterEmulator::ListenTcp();
  REQUIRE(first);
  REQUIRE(second);
  TempDir dir;
  devices::DeviceManager manager(PrinterOnPort(dir / "v0", (*first)->Port()), RealDeviceOpeners());
  manager.CheckNow();
  REQUIRE(CheckDevicesUp({DeviceClass::kReceiptPrinter}, manager.Reports()));
  REQUIRE(manager.receipt_printer().Print(Receipt("旧地址")));

  // Version 1: the same settings in another directory — nothing reopened.
  auto reopened =
      manager.Reconfigure(PrinterOnPort(dir / "v1", (*first)->Port()), RealDeviceOpeners());
  CHECK(reopened.empty());
  REQUIRE(manager.receipt_printer().Print(Receipt("仍是旧地址")));
  CHECK(Lines((*first)->Printed()).size() == 4);

  // Version 2: the printer is at another address.
  reopened = manager.Reconfigure(PrinterOnPort(dir / "v2", (*second)->Port()), RealDeviceOpeners());
  CHECK(reopened == std::vector<DeviceClass>{DeviceClass::kReceiptPrinter});
  REQUIRE(CheckDevicesUp(reopened, manager.Reports()));
  REQUIRE(manager.receipt_printer().Print(Receipt("新地址")));
  const auto on_second = Lines((*second)->Printed());
  REQUIRE_FALSE(on_second.empty());
  CHECK(on_second[0].text == "新地址");
  CHECK(Lines((*first)->Printed()).size() == 4);

  // Version 3: an address where nothing answers — reported, and the check fails.
  (*first)->GoAway();
  reopened = manager.Reconfigure(PrinterOnPort(dir / "v3", (*first)->Port()), RealDeviceOpeners());
  auto up = CheckDevicesUp(reopened, manager.Reports());
  REQUIRE_FALSE(up);
  CHECK(up.error().code == ErrorCode::kDeviceNotReady);
  CHECK(up.error().reason == "device_unavailable");
  CHECK(up.error().detail.find("receipt_printer") != std::string::npos);
  CHECK(up.error().detail.find(std::to_string((*first)->Port())) != std::string::npos);

  // Back to version 2's settings: the printer works again.
  reopened = manager.Reconfigure(PrinterOnPort(dir / "v2", (*second)->Port()), RealDeviceOpeners());
  REQUIRE(CheckDevicesUp(reopened, manager.Reports()));
  REQUIRE(manager.receipt_printer().Print(Receipt("恢复")));
}

TEST_CASE("simulated devices follow a new configuration; only what changed is reopened",
          "[devices]") {
  TempDir dir;
  const auto installed = ConfigCopy(dir / "installed", [](nlohmann::json&) {});
  KioskDeviceOptions options;
  options.simulated = true;
  options.data_dir = dir.Path();
  options.receipt_out = dir.File("receipts.escpos");
  auto created = KioskDevices::Create(installed, options);
  REQUIRE(created);
  KioskDevices& kiosk_devices = **created;
  kiosk_devices.manager().CheckNow();
  REQUIRE(kiosk_devices.sim()->Apply({"card", "insert", "zhang-wei"}));
  REQUIRE(kiosk_devices.manager().card_reader().CardPresent());
  REQUIRE(kiosk_devices.manager().receipt_printer().Print(Receipt("八十毫米")));

  SECTION("another receipt printer profile: receipts narrow, the card stays in its reader") {
    const auto narrow = ConfigCopy(dir / "v1", [](nlohmann::json& json) {
      json["devices"]["receipt_printer_profile"] = "generic-58mm";
    });
    REQUIRE(kiosk_devices.SwitchTo(narrow));
    CHECK(kiosk_devices.manager().card_reader().CardPresent());
    REQUIRE(kiosk_devices.manager().receipt_printer().Print(Receipt("五十八毫米")));
    const auto lines = Lines(FileBytes(options.receipt_out));
    REQUIRE(lines.size() == 4);
    CHECK(lines[1].columns == 48);  // The separator on 80 mm paper.
    CHECK(lines[3].columns == 32);  // … and on 58 mm paper.
    // The script words reach the new printer.
    REQUIRE(kiosk_devices.sim()->Apply({"printer", "paper", "out"}));
    CHECK_FALSE(kiosk_devices.manager().receipt_printer().Print(Receipt("无纸")));
  }

  SECTION("a reader whose new settings do not open is reported; the old settings bring it back") {
    const auto broken = ConfigCopy(dir / "v1", [](nlohmann::json& json) {
      json["devices"]["sim_cards"] = "sim/broken_cards.json";
    });
    std::ofstream(dir / "v1" / "sim" / "broken_cards.json") << "{not json";
    auto switched = kiosk_devices.SwitchTo(broken);
    REQUIRE_FALSE(switched);
    CHECK(switched.error().reason == "device_unavailable");
    CHECK(switched.error().detail.find("card_reader") != std::string::npos);
    CHECK_FALSE(kiosk_devices.sim()->Apply({"card", "insert", "zhang-wei"}));  // None open.

    REQUIRE(kiosk_devices.SwitchTo(installed));
    REQUIRE(kiosk_devices.sim()->Apply({"card", "insert", "zhang-wei"}));
    CHECK(kiosk_devices.manager().card_reader().CardPresent());
  }

  SECTION("settings that do not load are refused before anything changes") {
    const auto bad = ConfigCopy(dir / "v1", [](nlohmann::json& json) {
      json["devices"]["receipt_printer_profile"] = "no-such-printer";
    });
    auto switched = kiosk_devices.SwitchTo(bad);
    REQUIRE_FALSE(switched);
    CHECK(switched.error().reason == "device_settings_invalid");
    CHECK(kiosk_devices.manager().card_reader().CardPresent());
  }
}

}  // namespace kiosk
