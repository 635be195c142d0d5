#include <catch2/catch.hpp>
#include <fstream>

#include "kiosk/core/catalog/catalog.h"
#include "kiosk/core/config/kiosk_config.h"
#include "kiosk/core/config/text_table.h"
#include "tests/unit/temp_path.h"

using namespace kiosk;

TEST_CASE("the shipped configuration, catalog and texts load") {
  auto config = LoadKioskConfig(KIOSK_CONFIG_DIR);
  REQUIRE(config);
  CHECK(config->FindRegion(config->home_region) != nullptr);
  auto catalog = Catalog::Load(config->catalog_dir);
  INFO((catalog ? std::string() : catalog.error().detail));
  REQUIRE(catalog);
  const ServiceItem* item = catalog->Find("ssi.insurance_record_query");
  REQUIRE(item != nullptr);
  CHECK(item->name_zh == "参保基本信息查询");
  CHECK(item->guide.trips == 0);
  auto texts = TextTable::Load(config->texts_file);
  REQUIRE(texts);
  CHECK(texts->Get("take_card.title") == "请取走您的社会保障卡");
}

TEST_CASE("a broken catalog reports every problem with file, item and field") {
  testing::TempPath dir("catalog");
  std::filesystem::create_directories(dir.str() + "/items");
  std::ofstream(dir.str() + "/categories.json")
      << R"({"categories":[{"id":"social_insurance","zh":"社会保险","en":"Social insurance"}]})";
  std::ofstream(dir.str() + "/items/a.json") << R"({
    "id": "x", "names": {"zh": "甲", "en": "A"}, "category": "nope", "department": "d",
    "regions": ["44030"], "identification": ["fingerprint"],
    "guide": {"conditions": [], "materials": [], "legal_basis": "l", "time_limit": "t",
              "fee": "f", "trips": 0, "online_depth": "o"},
    "flow": [{"type": "teleport"}]})";
  std::ofstream(dir.str() + "/items/b.json") << R"({"id": "y"})";
  std::ofstream(dir.str() + "/items/c.json") << "{ not json";
  std::vector<CatalogProblem> problems;
  auto catalog = Catalog::Load(dir.str(), &problems);
  REQUIRE_FALSE(catalog);
  auto has = [&](const std::string& item, const std::string& field) {
    for (const auto& problem : problems) {
      if (problem.item_id == item && problem.field == field) return true;
    }
    return false;
  };
  CHECK(has("x", "category"));
  CHECK(has("x", "regions"));
  CHECK(has("x", "identification"));
  CHECK(has("x", "flow[0].type"));
  CHECK(has("y", "guide"));
  CHECK(has("y", "flow"));
  CHECK(problems.size() >= 8);
  CHECK(catalog.error().detail.find("c.json") != std::string::npos);
}

TEST_CASE("text placeholders and missing keys") {
  auto texts = TextTable::FromMap({{"countdown", "{seconds} 秒后自动返回首页"}});
  CHECK(texts.Format("countdown", {{"seconds", "9"}}) == "9 秒后自动返回首页");
  CHECK(texts.Get("no.such.key") == "<no.such.key>");
}
