// `kioskctl catalog validate` on the shipped catalog and on a copy broken
// in each way headquarters could break it: every problem is reported, with
// its file, item id and field, not just the first.

#include <catch2/catch.hpp>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "kiosk/core/catalog/catalog.h"
#include "kiosk/core/catalog/last_good_catalog.h"
#include "tests/central/central_test_support.h"

namespace {

namespace fs = std::filesystem;
using nlohmann::json;

struct Run {
  int exit_code = -1;
  std::string output;
};

Run Kioskctl(const std::string& arguments) {
  Run run;
  FILE* pipe = popen((std::string(KIOSKCTL_BINARY) + " " + arguments + " 2>&1").c_str(), "r");
  REQUIRE(pipe != nullptr);
  char buffer[4096];
  std::size_t read = 0;
  while ((read = fread(buffer, 1, sizeof buffer, pipe)) > 0) run.output.append(buffer, read);
  const int status = pclose(pipe);
  run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return run;
}

json ReadItem(const fs::path& path) {
  std::ifstream in(path);
  return json::parse(in);
}

void WriteItem(const fs::path& path, const json& item) { std::ofstream(path) << item.dump(2); }

bool HasLine(const std::string& output, const std::vector<std::string>& parts) {
  std::size_t start = 0;
  while (start < output.size()) {
    const std::size_t end = output.find('\n', start);
    const std::string line = output.substr(start, end - start);
    bool all = true;
    for (const auto& part : parts) all = all && line.find(part) != std::string::npos;
    if (all) return true;
    if (end == std::string::npos) break;
    start = end + 1;
  }
  return false;
}

}  // namespace

TEST_CASE("the shipped catalog validates, with 115 or more items") {
  const Run run = Kioskctl(std::string("catalog validate ") + KIOSK_CONFIG_DIR + "/catalog");
  INFO(run.output);
  CHECK(run.exit_code == 0);
  auto catalog = kiosk::Catalog::Load(std::string(KIOSK_CONFIG_DIR) + "/catalog");
  REQUIRE(catalog);
  CHECK(catalog->Items().size() >= 115);
  CHECK(catalog->Categories().size() >= 8);
  for (const auto& category : catalog->Categories()) {
    int count = 0;
    for (const auto& item : catalog->Items()) count += item.category == category.id ? 1 : 0;
    INFO(category.id);
    CHECK(count >= 5);
  }
}

TEST_CASE("a broken catalog: every error with its file, item and field, exit non-zero") {
  kiosk::central::testing::TempDir temp;
  const fs::path root = fs::path(temp.Path()) / "catalog";
  fs::copy(fs::path(KIOSK_CONFIG_DIR) / "catalog", root, fs::copy_options::recursive);
  const fs::path items = root / "items";

  // 1. A missing field.
  json query = ReadItem(items / "mi.account_balance_query.json");
  query.erase("department");
  WriteItem(items / "mi.account_balance_query.json", query);
  // 2. An unknown step type.
  json record = ReadItem(items / "ssi.insurance_record_query.json");
  record["flow"][3] = {{"type", "teleport"}};
  WriteItem(items / "ssi.insurance_record_query.json", record);
  // 3. A bad region, and a region no one knows.
  json flexible = ReadItem(items / "ssi.flexible_employment_registration.json");
  flexible["regions"] = {"44200", "990000"};
  // 4. A flow referencing an unknown field.
  flexible["flow"][3]["fields"].push_back("shoe_size");
  WriteItem(items / "ssi.flexible_employment_registration.json", flexible);
  // 5. A duplicate id, in another file.
  json copy = ReadItem(items / "hf.account_query.json");
  WriteItem(items / "zz.copy_of_hf.json", copy);
  // 6. A bundle pointing at an item that does not exist.
  json bundle = ReadItem(items / "bundle.newborn.json");
  bundle["flow"][2]["item"] = "mi.no_such_item";
  WriteItem(items / "bundle.newborn.json", bundle);

  const Run run = Kioskctl("catalog validate " + root.string());
  INFO(run.output);
  CHECK(run.exit_code == 1);
  CHECK(HasLine(run.output,
                {"mi.account_balance_query.json", "mi.account_balance_query", "department"}));
  CHECK(HasLine(run.output, {"ssi.insurance_record_query.json", "ssi.insurance_record_query",
                             "flow[3].type", "teleport"}));
  CHECK(HasLine(run.output, {"ssi.flexible_employment_registration.json", "regions", "44200"}));
  CHECK(HasLine(run.output, {"ssi.flexible_employment_registration", "regions", "990000"}));
  CHECK(
      HasLine(run.output, {"ssi.flexible_employment_registration", "flow[3].fields", "shoe_size"}));
  CHECK(HasLine(run.output, {"zz.copy_of_hf.json", "hf.account_query", "id", "duplicate"}));
  CHECK(HasLine(run.output,
                {"bundle.newborn.json", "bundle.newborn", "flow[2].item", "mi.no_such_item"}));
  CHECK(HasLine(run.output, {"problem(s)"}));
}

TEST_CASE("kioskctl catalog list and search") {
  const Run all = Kioskctl("catalog list --json");
  REQUIRE(all.exit_code == 0);
  const json items = json::parse(all.output);
  CHECK(items.size() >= 115);

  const Run shenzhen = Kioskctl("catalog list --region 440300 --category housing_fund --json");
  REQUIRE(shenzhen.exit_code == 0);
  for (const auto& item : json::parse(shenzhen.output)) {
    CHECK(item["category"] == "housing_fund");
    const auto& regions = item["regions"];
    CHECK(std::find(regions.begin(), regions.end(), "440300") != regions.end());
  }

  const Run search = Kioskctl("catalog search cbcx --json --limit 5");
  REQUIRE(search.exit_code == 0);
  const json hits = json::parse(search.output);
  REQUIRE(!hits.empty());
  CHECK(hits[0]["id"] == "ssi.insurance_record_query");
  CHECK(hits[0]["rank"] == 1);

  const Run unknown = Kioskctl("catalog list --category nope");
  CHECK(unknown.exit_code == 2);
}

TEST_CASE("a broken catalog never runs: the last good copy does, and says so") {
  kiosk::central::testing::TempDir temp;
  const fs::path configured = fs::path(temp.Path()) / "config-catalog";
  const fs::path last_good = fs::path(temp.Path()) / "data" / "last_good_catalog";
  fs::copy(fs::path(KIOSK_CONFIG_DIR) / "catalog", configured, fs::copy_options::recursive);

  SECTION("no good copy yet and a broken catalog: start-up fails with the reason") {
    std::ofstream(configured / "items" / "broken.json") << "{ not json";
    auto load = kiosk::LoadCatalogKeepingLastGood(configured.string(), last_good.string());
    REQUIRE_FALSE(load);
    CHECK(load.error().detail.find("broken.json") != std::string::npos);
  }

  SECTION("a good catalog is kept; a later broken one falls back to it") {
    auto first = kiosk::LoadCatalogKeepingLastGood(configured.string(), last_good.string());
    REQUIRE(first);
    CHECK_FALSE(first->fell_back);
    CHECK(fs::exists(last_good / "items" / "ssi.insurance_record_query.json"));

    json record = ReadItem(configured / "items" / "ssi.insurance_record_query.json");
    record.erase("guide");
    WriteItem(configured / "items" / "ssi.insurance_record_query.json", record);
    auto second = kiosk::LoadCatalogKeepingLastGood(configured.string(), last_good.string());
    REQUIRE(second);
    CHECK(second->fell_back);
    CHECK(second->loaded_from == last_good.string());
    CHECK(second->catalog.Find("ssi.insurance_record_query") != nullptr);
    REQUIRE_FALSE(second->problems.empty());
    CHECK(second->problems.front().field == "guide");
    // The broken catalog did not replace the good copy.
    CHECK(ReadItem(last_good / "items" / "ssi.insurance_record_query.json").contains("guide"));
  }
}
