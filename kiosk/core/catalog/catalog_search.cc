#include "kiosk/core/catalog/catalog_search.h"

namespace kiosk {

Result<CatalogSearch> CatalogSearch::Create(
    const Catalog& catalog, const std::string& pinyin_table_path,
    const std::function<bool(const ServiceItem&)>& offered) {
  auto pinyin = search::PinyinTable::Load(pinyin_table_path);
  if (!pinyin) return std::unexpected(pinyin.error());
  std::vector<search::SearchDocument> documents;
  for (const ServiceItem& item : catalog.Items()) {
    if (offered && !offered(item)) continue;
    documents.push_back({item.id, item.name_zh, item.name_en, item.keywords, item.usage_weight});
  }
  auto index = search::SearchIndex::Build(std::move(documents), *pinyin);
  if (!index) return std::unexpected(index.error());
  return CatalogSearch(catalog, std::move(*index));
}

std::vector<CatalogHit> CatalogSearch::Resolve(const std::vector<search::SearchHit>& hits) const {
  std::vector<CatalogHit> resolved;
  for (const auto& hit : hits) {
    if (const ServiceItem* item = catalog_->Find(hit.id)) resolved.push_back({item, hit});
  }
  return resolved;
}

std::vector<CatalogHit> CatalogSearch::Search(std::string_view query, std::size_t limit) const {
  return Resolve(index_.Search(query, limit));
}

std::vector<CatalogHit> CatalogSearch::MostUsed(std::size_t count) const {
  return Resolve(index_.MostUsed(count));
}

void CatalogSearch::CountUse(const std::string& item_id) {
  const ServiceItem* item = catalog_->Find(item_id);
  if (item == nullptr) return;
  // The fleet-wide weight is the starting point; local uses add to it.
  const std::int64_t count = item->usage_weight + ++uses_[item_id];
  (void)index_.SetUsageCount(item_id, count);
}

}  // namespace kiosk
