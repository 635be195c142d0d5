#include "drivers/printer/printer_profile_loader.h"

#include <catch2/catch.hpp>
#include <fstream>
#include <string>

#include "tests/support/temp_dir.h"

namespace kiosk::devices {
namespace {

const std::string kShipped = std::string(KIOSK_CONFIG_DIR) + "/printers";

void Write(const testing::TempDir& dir, const std::string& name, const std::string& text) {
  std::ofstream(dir / (name + ".json")) << text;
}

// A complete base profile, as the tests' parent.
void WriteBase(const testing::TempDir& dir) {
  Write(dir, "base", R"({"format_version": 1, "paper_width_mm": 80, "printable_dots": 576,
    "dpi": 203, "font_a_columns": 48, "font_b_columns": 64, "chinese_mode_at_power_on": false,
    "native_qr": true, "raster": true, "cutter": true, "dle_eot_status": true,
    "auto_status_back": false})");
}

std::string FailureOf(const testing::TempDir& dir, const std::string& name) {
  auto profile = LoadPrinterProfile(dir.Path().string(), name);
  REQUIRE_FALSE(profile.has_value());
  return profile.error().detail;
}

bool SameNumbers(const PrinterProfile& a, const PrinterProfile& b) {
  return a.name == b.name && a.paper_width_mm == b.paper_width_mm &&
         a.printable_dots == b.printable_dots && a.columns == b.columns &&
         a.chinese_mode_at_power_on == b.chinese_mode_at_power_on && a.native_qr == b.native_qr &&
         a.has_cutter == b.has_cutter && a.dpi == b.dpi && a.font_b_columns == b.font_b_columns &&
         a.raster == b.raster && a.dle_eot_status == b.dle_eot_status &&
         a.auto_status_back == b.auto_status_back;
}

TEST_CASE("the shipped printer profiles load, and the generic ones match the built-ins",
          "[printer][profile]") {
  auto profiles = LoadPrinterProfiles(kShipped);
  INFO((profiles ? std::string() : profiles.error().Describe()));
  REQUIRE(profiles.has_value());
  CHECK(profiles->size() >= 4);
  CHECK(SameNumbers(profiles->at("generic-80mm"), Generic80mmProfile()));
  CHECK(SameNumbers(profiles->at("generic-58mm"), Generic58mmProfile()));

  const PrinterProfile& t88 = profiles->at("epson-tm-t88v");
  CHECK(t88.dpi == 180);
  CHECK(t88.printable_dots == 512);
  CHECK(t88.columns == 42);
  CHECK(t88.has_cutter);  // Inherited from generic-80mm.
  CHECK(t88.paper_width_mm == 80);
  const PrinterProfile& t20 = profiles->at("epson-tm-t20ii");
  CHECK(t20.columns == 48);
  CHECK(t20.auto_status_back);
}

TEST_CASE("a profile inherits what it does not say", "[printer][profile]") {
  testing::TempDir dir;
  WriteBase(dir);
  Write(dir, "child", R"({"format_version": 1, "inherits": "base", "cutter": false})");
  Write(dir, "grandchild", R"({"format_version": 1, "inherits": "child", "font_a_columns": 42,
    "comment": "a comment is allowed"})");
  auto profile = LoadPrinterProfile(dir.Path().string(), "grandchild");
  INFO((profile ? std::string() : profile.error().Describe()));
  REQUIRE(profile.has_value());
  CHECK(profile->name == "grandchild");
  CHECK(profile->columns == 42);
  CHECK_FALSE(profile->has_cutter);
  CHECK(profile->printable_dots == 576);
}

TEST_CASE("profiles with unknown keys, cycles or gaps are refused", "[printer][profile]") {
  testing::TempDir dir;
  WriteBase(dir);
  Write(dir, "typo", R"({"format_version": 1, "inherits": "base", "cuter": false})");
  CHECK_THAT(FailureOf(dir, "typo"), Catch::Contains("unknown key \"cuter\""));

  Write(dir, "a", R"({"format_version": 1, "inherits": "b"})");
  Write(dir, "b", R"({"format_version": 1, "inherits": "c"})");
  Write(dir, "c", R"({"format_version": 1, "inherits": "a"})");
  CHECK_THAT(FailureOf(dir, "a"), Catch::Contains("inheritance cycle a -> b -> c -> a"));
  Write(dir, "self", R"({"format_version": 1, "inherits": "self"})");
  CHECK_THAT(FailureOf(dir, "self"), Catch::Contains("cycle self -> self"));

  Write(dir, "orphan", R"({"format_version": 1, "inherits": "missing"})");
  auto orphan = LoadPrinterProfile(dir.Path().string(), "orphan");
  REQUIRE_FALSE(orphan.has_value());
  CHECK(orphan.error().code == ErrorCode::kNotFound);
  CHECK_THAT(orphan.error().detail, Catch::Contains("inherits 'missing'"));

  Write(dir, "gap", R"({"format_version": 1, "paper_width_mm": 80})");
  CHECK_THAT(FailureOf(dir, "gap"), Catch::Contains("\"printable_dots\" is not set"));

  Write(dir, "wrongtype", R"({"format_version": 1, "inherits": "base", "cutter": "yes"})");
  CHECK_THAT(FailureOf(dir, "wrongtype"), Catch::Contains("\"cutter\" must be true or false"));

  Write(dir, "crowded", R"({"format_version": 1, "inherits": "base", "font_a_columns": 64})");
  CHECK_THAT(FailureOf(dir, "crowded"), Catch::Contains("64 font A columns need 768 dots"));

  Write(dir, "wide", R"({"format_version": 1, "inherits": "base", "paper_width_mm": 58})");
  CHECK_THAT(FailureOf(dir, "wide"), Catch::Contains("wider than 58 mm paper"));

  Write(dir, "version", R"({"format_version": 2, "inherits": "base"})");
  CHECK_THAT(FailureOf(dir, "version"), Catch::Contains("format_version"));

  Write(dir, "broken", R"({"format_version": 1,)");
  CHECK_THAT(FailureOf(dir, "broken"), Catch::Contains("is not JSON"));

  auto bad_name = LoadPrinterProfile(dir.Path().string(), "../etc/passwd");
  REQUIRE_FALSE(bad_name.has_value());
  CHECK(bad_name.error().code == ErrorCode::kInvalidArgument);

  // One bad file fails the whole folder.
  CHECK_FALSE(LoadPrinterProfiles(dir.Path().string()).has_value());
}

}  // namespace
}  // namespace kiosk::devices
