// Checks the search data against the catalog headquarters ships: an item
// whose name has a character the pinyin table lacks could be found by hanzi
// but never by pinyin or initials, which citizens type far more often.

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "kiosk/core/search/pinyin_table.h"
#include "kiosk/core/search/search_index.h"
#include "kiosk/core/search/search_text.h"
#include "kiosk/core/search/utf8.h"

using namespace kiosk::search;

namespace {

std::vector<SearchDocument> ShippedItems() {
  std::vector<SearchDocument> documents;
  const std::filesystem::path items = std::filesystem::path(KIOSK_CONFIG_DIR) / "catalog/items";
  for (const auto& entry : std::filesystem::directory_iterator(items)) {
    if (entry.path().extension() != ".json") continue;
    std::ifstream file(entry.path());
    const auto item = nlohmann::json::parse(file, nullptr, /*allow_exceptions=*/false);
    if (!item.is_object() || !item.contains("names")) continue;  // The catalog test's business.
    SearchDocument document;
    document.id = item.value("id", entry.path().stem().string());
    document.title_zh = item["names"].value("zh", "");
    document.title_en = item["names"].value("en", "");
    document.keywords = item.value("keywords", std::vector<std::string>{});
    documents.push_back(std::move(document));
  }
  return documents;
}

}  // namespace

TEST_CASE("every hanzi of the shipped catalog's names and keywords has a pinyin reading") {
  auto table =
      PinyinTable::Load(std::string(KIOSK_CONFIG_DIR) + "/" + std::string(kPinyinTableConfigPath));
  REQUIRE(table);
  const auto documents = ShippedItems();
  REQUIRE_FALSE(documents.empty());
  for (const auto& document : documents) {
    std::vector<std::string> texts = document.keywords;
    texts.push_back(document.title_zh);
    for (const auto& text : texts) {
      for (char32_t unit : NormalizeSearchText(text).units) {
        if (IsAsciiLetter(unit) || IsAsciiDigit(unit)) continue;
        std::string character;
        AppendUtf8(character, unit);
        INFO(document.id << ": " << text << ": " << character);
        CHECK_FALSE(table->Readings(unit).empty());
      }
    }
  }
  // And the whole catalog indexes: ids distinct, every item named.
  CHECK(SearchIndex::Build(documents, *table));
}
