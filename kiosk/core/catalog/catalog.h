#pragma once

// The item catalog (firmware_config/catalog/SCHEMA.md): one JSON file per
// item under <catalog>/items/, plus catalog.json, categories.json and
// regions.json. Loading validates everything and reports every problem,
// not just the first, so headquarters can fix a bundle in one go.

#include <map>
#include <string>
#include <vector>

#include "common/error.h"
#include "kiosk/core/catalog/service_item.h"

namespace kiosk {

struct Category {
  std::string id;
  std::string name_zh;
  std::string name_en;
};

struct CatalogRegion {
  std::string code;
  std::string name_zh;
  std::string name_en;
};

struct CatalogProblem {
  std::string file;
  std::string item_id;
  std::string field;
  std::string message;
  std::string Describe() const;
};

class Catalog {
 public:
  static constexpr int kFormatVersion = 1;

  // Fails with every problem listed in the error detail (one per line);
  // `problems`, when given, receives them as values.
  static Result<Catalog> Load(const std::string& catalog_dir,
                              std::vector<CatalogProblem>* problems = nullptr);

  const std::string& Version() const { return version_; }
  const std::vector<ServiceItem>& Items() const { return items_; }
  const std::vector<Category>& Categories() const { return categories_; }
  const std::vector<CatalogRegion>& Regions() const { return regions_; }
  const ServiceItem* Find(const std::string& id) const;
  const CatalogRegion* FindRegion(const std::string& code) const;
  const Category* FindCategory(const std::string& id) const;

 private:
  std::string version_;
  std::vector<ServiceItem> items_;
  std::map<std::string, std::size_t> index_;  // Item id → position in items_.
  std::vector<Category> categories_;
  std::vector<CatalogRegion> regions_;
};

}  // namespace kiosk
