#pragma once

// The item catalog: one JSON file per item under <catalog>/items/, plus
// <catalog>/categories.json. Loading validates everything and reports every
// problem, not just the first, so headquarters can fix a bundle in one go.

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

struct CatalogProblem {
  std::string file;
  std::string item_id;
  std::string field;
  std::string message;
  std::string Describe() const;
};

class Catalog {
 public:
  // Fails with every problem listed in the error detail (one per line);
  // `problems`, when given, receives them as values.
  static Result<Catalog> Load(const std::string& catalog_dir,
                              std::vector<CatalogProblem>* problems = nullptr);

  const std::vector<ServiceItem>& Items() const { return items_; }
  const std::vector<Category>& Categories() const { return categories_; }
  const ServiceItem* Find(const std::string& id) const;

 private:
  std::vector<ServiceItem> items_;
  std::vector<Category> categories_;
};

}  // namespace kiosk
