#pragma once

// Turns one item file's JSON into a ServiceItem, noting every problem that
// can be seen inside the file alone (shape, types, unknown keys and step
// types, references between the item's own fields and steps). Problems
// that need the whole catalog (categories, regions, sub-flows, duplicate
// ids) are checked by Catalog::Load.

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "kiosk/core/catalog/catalog.h"

namespace kiosk {

class ItemParser {
 public:
  ItemParser(std::string file, std::vector<CatalogProblem>& problems)
      : file_(std::move(file)), problems_(problems) {}

  ServiceItem Parse(const nlohmann::json& document);

  void Problem(const std::string& field, const std::string& message);
  std::string String(const nlohmann::json& object, const std::string& key, const std::string& path);
  std::vector<std::string> Strings(const nlohmann::json& object, const std::string& key,
                                   const std::string& path);
  LocalizedText Localized(const nlohmann::json& object, const std::string& key,
                          const std::string& path, bool required = true);
  void RejectUnknownKeys(const nlohmann::json& object, const std::vector<std::string>& known,
                         const std::string& path);

 private:
  void ParseGuide(const nlohmann::json& document, ServiceGuide& guide);
  void ParseFields(const nlohmann::json& document, ServiceItem& item);
  void ParseFlow(const nlohmann::json& document, ServiceItem& item);
  FlowStep ParseStep(const nlohmann::json& step, const std::string& path, bool* ok);
  DisplayTemplate ParseDisplay(const nlohmann::json& object, const std::string& path);
  std::vector<DisplayColumn> ParseColumns(const nlohmann::json& array, const std::string& path);
  void CheckFlowReferences(const ServiceItem& item);

  std::string file_;
  std::string item_id_;
  std::vector<CatalogProblem>& problems_;
};

}  // namespace kiosk
