#pragma once

// Search over the items a kiosk offers: the catalog's items indexed by
// name, keywords and pinyin, with the fleet-wide usage weight as the
// initial popularity (local counts replace it as citizens use the kiosk).

#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "common/error.h"
#include "kiosk/core/catalog/catalog.h"
#include "kiosk/core/search/search_index.h"

namespace kiosk {

struct CatalogHit {
  const ServiceItem* item = nullptr;
  search::SearchHit hit;
};

class CatalogSearch {
 public:
  // Indexes the items `offered` accepts (all when empty); the pinyin table
  // is the one shipped in the configuration (search/hanzi_pinyin.txt).
  static Result<CatalogSearch> Create(const Catalog& catalog, const std::string& pinyin_table_path,
                                      const std::function<bool(const ServiceItem&)>& offered = {});

  // Best first; an empty query lists the most used items.
  std::vector<CatalogHit> Search(std::string_view query, std::size_t limit) const;
  std::vector<CatalogHit> MostUsed(std::size_t count) const;
  // Counts a use of an item, so the "most used" list follows this hall.
  void CountUse(const std::string& item_id);

 private:
  CatalogSearch(const Catalog& catalog, search::SearchIndex index)
      : catalog_(&catalog), index_(std::move(index)) {}
  std::vector<CatalogHit> Resolve(const std::vector<search::SearchHit>& hits) const;

  const Catalog* catalog_;
  search::SearchIndex index_;
  std::map<std::string, std::int64_t> uses_;
};

}  // namespace kiosk
