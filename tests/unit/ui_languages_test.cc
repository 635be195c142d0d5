// The UI's languages in kiosk.json ("ui.languages", "ui.default_language")
// and the check that every language's text table has the default one's
// keys and {placeholders}; the shipped tables pass it.

#include <catch2/catch.hpp>
#include <fstream>
#include <nlohmann/json.hpp>

#include "kiosk/core/config/kiosk_config.h"
#include "kiosk/core/config/text_table.h"
#include "kiosk/core/config/text_table_check.h"
#include "tests/support/temp_dir.h"

namespace kiosk {
namespace {

using Catch::Matchers::Contains;

nlohmann::json MinimalConfig() {
  return {{"format_version", 1},
          {"kiosk_id", "ZS-24H-HALL1-T03"},
          {"home_region", "442000"},
          {"regions", {{"442000", {{"name", "中山市"}, {"endpoint", "http://127.0.0.1:8480"}}}}}};
}

void WriteTable(const testing::TempDir& dir, const std::string& name,
                const std::map<std::string, std::string>& texts) {
  std::filesystem::create_directories(dir / "ui");
  std::ofstream(dir.File("ui/" + name))
      << nlohmann::json{{"format_version", 1}, {"texts", texts}}.dump(2);
}

Result<KioskConfig> LoadWith(const testing::TempDir& dir, const nlohmann::json& ui) {
  auto document = MinimalConfig();
  document["ui"] = ui;
  std::ofstream(dir.File("kiosk.json")) << document.dump(2);
  return LoadKioskConfig(dir.Path().string());
}

nlohmann::json TwoLanguages() {
  return {{"languages", {{"zh-CN", "ui/zh-CN.json"}, {"en-US", "ui/en-US.json"}}},
          {"default_language", "zh-CN"}};
}

const std::map<std::string, std::string> kChinese = {{"countdown", "{seconds} 秒后自动返回首页"},
                                                     {"button.home", "返回首页"}};

}  // namespace

TEST_CASE("the shipped text tables have the same keys and placeholders", "[config][texts]") {
  auto config = LoadKioskConfig(KIOSK_CONFIG_DIR);
  REQUIRE(config.has_value());
  CHECK(config->default_language == "zh-CN");
  REQUIRE(config->text_files.size() == 2);
  CHECK(config->text_files.contains("en-US"));
  CHECK(config->texts_file == config->text_files.at("zh-CN"));
  auto tables = LoadTextTables(*config);
  INFO((tables ? std::string() : tables.error().Describe()));
  REQUIRE(tables.has_value());
  REQUIRE(tables->size() == 2);
  // Both ways: English has no key Chinese lacks.
  CHECK(
      CheckSameKeysAndPlaceholders(tables->at("en-US"), tables->at("zh-CN"), "zh-CN").has_value());
  CHECK(tables->at("en-US").All().size() == tables->at("zh-CN").All().size());
}

TEST_CASE("no shipped English text is empty or left in Chinese", "[config][texts]") {
  auto config = LoadKioskConfig(KIOSK_CONFIG_DIR);
  REQUIRE(config.has_value());
  auto english = TextTable::Load(config->text_files.at("en-US"));
  REQUIRE(english.has_value());
  auto chinese = TextTable::Load(config->text_files.at("zh-CN"));
  REQUIRE(chinese.has_value());
  for (const auto& [key, text] : english->All()) {
    INFO(key);
    CHECK_FALSE(text.empty());
    // Official terms may stay in brackets; a whole text copied is a gap.
    if (text != "*") CHECK(text != chinese->Get(key));
  }
}

TEST_CASE("Placeholders finds every {name}", "[config][texts]") {
  CHECK(Placeholders("第 {number} 步，共 {count} 步") == std::set<std::string>{"number", "count"});
  CHECK(Placeholders("{a}{a} {b") == std::set<std::string>{"a"});
  CHECK(Placeholders("no placeholder").empty());
}

TEST_CASE("a missing key is reported with the key", "[config][texts]") {
  const auto reference = TextTable::FromMap(kChinese);
  const auto other = TextTable::FromMap({{"countdown", "Home in {seconds} s"}});
  auto checked = CheckSameKeysAndPlaceholders(reference, other, "en-US");
  REQUIRE_FALSE(checked.has_value());
  CHECK(checked.error().code == ErrorCode::kInvalidData);
  CHECK_THAT(checked.error().detail, Contains("en-US") && Contains("missing key(s) button.home"));
}

TEST_CASE("a changed placeholder is reported with the key", "[config][texts]") {
  const auto reference = TextTable::FromMap(kChinese);
  SECTION("renamed") {
    const auto other =
        TextTable::FromMap({{"countdown", "Home in {second} s"}, {"button.home", "Home"}});
    auto checked = CheckSameKeysAndPlaceholders(reference, other, "en-US");
    REQUIRE_FALSE(checked.has_value());
    CHECK_THAT(checked.error().detail,
               Contains("countdown has {second}, expected {seconds}") && !Contains("button.home"));
  }
  SECTION("dropped") {
    const auto other = TextTable::FromMap({{"countdown", "Home soon"}, {"button.home", "Home"}});
    auto checked = CheckSameKeysAndPlaceholders(reference, other, "en-US");
    REQUIRE_FALSE(checked.has_value());
    CHECK_THAT(checked.error().detail, Contains("countdown has none, expected {seconds}"));
  }
  SECTION("added") {
    const auto other = TextTable::FromMap(
        {{"countdown", "Home in {seconds} s"}, {"button.home", "Home ({region})"}});
    auto checked = CheckSameKeysAndPlaceholders(reference, other, "en-US");
    REQUIRE_FALSE(checked.has_value());
    CHECK_THAT(checked.error().detail, Contains("button.home has {region}, expected none"));
  }
  SECTION("the same, extra keys allowed") {
    const auto other = TextTable::FromMap(
        {{"countdown", "Home in {seconds} s"}, {"button.home", "Home"}, {"button.extra", "Extra"}});
    CHECK(CheckSameKeysAndPlaceholders(reference, other, "en-US").has_value());
  }
}

TEST_CASE("ui.languages loads every language, the default one as texts_file", "[config][texts]") {
  testing::TempDir dir("kiosk-ui-languages");
  WriteTable(dir, "zh-CN.json", kChinese);
  WriteTable(dir, "en-US.json", {{"countdown", "Home in {seconds} s"}, {"button.home", "Home"}});
  auto config = LoadWith(dir, TwoLanguages());
  INFO((config ? std::string() : config.error().Describe()));
  REQUIRE(config.has_value());
  CHECK(config->default_language == "zh-CN");
  CHECK(config->texts_file == dir.File("ui/zh-CN.json"));
  CHECK(config->text_files.at("en-US") == dir.File("ui/en-US.json"));
  auto tables = LoadTextTables(*config);
  REQUIRE(tables.has_value());
  CHECK(tables->at("en-US").Get("button.home") == "Home");
  CHECK(tables->at("zh-CN").Get("button.home") == "返回首页");

  SECTION("a table lacking a key fails the load, naming the key and the file") {
    WriteTable(dir, "en-US.json", {{"countdown", "Home in {seconds} s"}});
    auto refused = LoadTextTables(*config);
    REQUIRE_FALSE(refused.has_value());
    CHECK_THAT(refused.error().detail, Contains("en-US.json") && Contains("button.home"));
  }
  SECTION("a table that does not parse fails the load") {
    std::ofstream(dir.File("ui/en-US.json")) << "{";
    CHECK_FALSE(LoadTextTables(*config).has_value());
  }
}

TEST_CASE("the older ui.texts form still loads", "[config][texts]") {
  testing::TempDir dir("kiosk-ui-texts");
  WriteTable(dir, "zh-CN.json", kChinese);
  SECTION("named") {
    auto config = LoadWith(dir, {{"texts", "ui/zh-CN.json"}, {"width", 1280}});
    REQUIRE(config.has_value());
    CHECK(config->texts_file == dir.File("ui/zh-CN.json"));
    CHECK(config->default_language == "zh-CN");
    CHECK(config->text_files ==
          std::map<std::string, std::string>{{"zh-CN", dir.File("ui/zh-CN.json")}});
    CHECK(config->screen_width == 1280);
    auto tables = LoadTextTables(*config);
    REQUIRE(tables.has_value());
    CHECK(tables->size() == 1);
  }
  SECTION("absent: ui/zh-CN.json") {
    auto config = LoadWith(dir, nlohmann::json::object());
    REQUIRE(config.has_value());
    CHECK(config->texts_file == dir.File("ui/zh-CN.json"));
  }
  SECTION("not a string") {
    auto config = LoadWith(dir, {{"texts", 3}});
    REQUIRE_FALSE(config.has_value());
    CHECK_THAT(config.error().detail, Contains("ui: \"texts\" must be a non-empty string"));
  }
}

TEST_CASE("bad ui languages are refused with the field named", "[config][texts]") {
  testing::TempDir dir("kiosk-ui-bad");
  WriteTable(dir, "zh-CN.json", kChinese);
  WriteTable(dir, "en-US.json", kChinese);
  auto ui = TwoLanguages();
  std::string expected;
  SECTION("default language not among the languages") {
    ui["default_language"] = "fr-FR";
    expected = "ui: \"default_language\" fr-FR is not among \"languages\" (en-US, zh-CN)";
  }
  SECTION("default language not a tag") {
    ui["default_language"] = "Chinese";
    expected = "ui: \"default_language\" must be a language tag";
  }
  SECTION("default language missing with two languages") {
    ui.erase("default_language");
    expected = "ui: \"default_language\" must name one of \"languages\"";
  }
  SECTION("a language's file missing") {
    ui["languages"]["en-US"] = "ui/en.json";
    expected = "ui.languages.en-US: no text table at " + dir.File("ui/en.json");
  }
  SECTION("a language's file not a string") {
    ui["languages"]["en-US"] = 1;
    expected = "ui.languages.en-US: must be a non-empty string";
  }
  SECTION("a bad language tag") {
    ui["languages"]["english"] = "ui/en-US.json";
    expected = "ui.languages.english: not a language tag";
  }
  SECTION("languages empty") {
    ui["languages"] = nlohmann::json::object();
    expected = "ui: \"languages\" must be an object";
  }
  SECTION("both forms") {
    ui["texts"] = "ui/zh-CN.json";
    expected = "ui: give either \"languages\" or the older \"texts\"";
  }
  auto config = LoadWith(dir, ui);
  REQUIRE_FALSE(config.has_value());
  CHECK(config.error().code == ErrorCode::kInvalidData);
  CHECK_THAT(config.error().detail, Contains("kiosk.json: " + expected));
}

TEST_CASE("a single language needs no default_language", "[config][texts]") {
  testing::TempDir dir("kiosk-ui-one");
  WriteTable(dir, "en-US.json", kChinese);
  auto config = LoadWith(dir, {{"languages", {{"en-US", "ui/en-US.json"}}}});
  REQUIRE(config.has_value());
  CHECK(config->default_language == "en-US");
  CHECK(config->texts_file == dir.File("ui/en-US.json"));
}

}  // namespace kiosk
