#pragma once

// One service item (办事事项) as headquarters publishes it in the catalog.
// Field names follow firmware_config/catalog/SCHEMA.md.

#include <string>
#include <vector>

namespace kiosk {

struct Material {
  std::string name;
  bool read_by_terminal = false;  // The terminal reads it (card, ID): nothing to bring.
};

// 办事指南: everything 一次性告知 requires the citizen to see up front.
struct ServiceGuide {
  std::vector<std::string> conditions;
  std::vector<Material> materials;
  std::string legal_basis;
  std::string time_limit;
  std::string fee;
  int trips = 0;
  std::string online_depth;
};

enum class StepType { kGuide, kIdentify, kQuery, kResult, kPrint, kRate };
const char* ToString(StepType type);
bool StepTypeFromString(const std::string& text, StepType* type);

struct FlowStep {
  StepType type = StepType::kGuide;
  std::string query;     // kQuery: the central query name, e.g. "insurance_record".
  std::string template_id;  // kPrint: the receipt template.
};

struct ServiceItem {
  std::string id;
  std::string name_zh;
  std::string name_en;
  std::string category;
  std::string department;
  std::vector<std::string> regions;  // Regions that handle it.
  ServiceGuide guide;
  std::vector<std::string> identification;  // "social_security_card", ...
  std::vector<FlowStep> flow;
};

}  // namespace kiosk
