#pragma once

// One service item (办事事项) as headquarters publishes it in the catalog.
// Field names follow firmware_config/catalog/SCHEMA.md.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "kiosk/core/validation/field_rule.h"

namespace kiosk {

struct LocalizedText {
  std::string zh;
  std::string en;
};

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

// A form field. Its value is asked only when `prefill` finds nothing (秒报).
struct FieldDefinition {
  std::string id;
  LocalizedText label;
  validation::FieldRule rule;  // Also says whether the field is required.
  std::string prefill;         // "identity.name", "query.citizen_profile.phone", or empty.
  LocalizedText hint;
};

// A condition a query's answer must meet for the item to go on.
struct Requirement {
  std::string path;                  // Dotted path into the answer's record.
  std::vector<std::string> allowed;  // The value there must be one of these.
  LocalizedText refusal;             // What the citizen reads when it is not.
};

enum class DisplayFormat { kText, kMoneyFen, kMonths, kDate, kMaskedId, kCount };
const char* ToString(DisplayFormat format);
bool DisplayFormatFromString(const std::string& text, DisplayFormat* format);

struct DisplayColumn {
  LocalizedText label;
  std::string path;
  DisplayFormat format = DisplayFormat::kText;
};

struct DisplayTable {
  LocalizedText title;
  std::string path;  // An array of objects in the record.
  std::vector<DisplayColumn> columns;
};

// How a query's answer is shown and printed, as data.
struct DisplayTemplate {
  LocalizedText title;
  std::vector<DisplayColumn> fields;
  std::vector<DisplayTable> tables;
};

enum class StepType {
  kGuide,
  kIdentify,
  kQuery,
  kResult,
  kForm,
  kConfirm,
  kSubmit,
  kPrint,
  kRate,
  kSubFlow,
};
const char* ToString(StepType type);
bool StepTypeFromString(const std::string& text, StepType* type);

enum class Paper { kReceipt, kA4 };

struct FlowStep {
  StepType type = StepType::kGuide;
  std::string query;                       // kQuery: the central query name; kResult: the
                                           // query shown (default: the latest).
  std::vector<Requirement> requirements;   // kQuery: conditions on the answer.
  std::string view;                        // kResult: a built-in view ("insurance_record").
  std::optional<DisplayTemplate> display;  // kResult: or a template.
  std::vector<std::string> fields;         // kForm: field ids.
  std::string submission;                  // kSubmit: the submission kind.
  std::string template_id;                 // kPrint: what to print.
  Paper paper = Paper::kReceipt;           // kPrint.
  std::string sub_item;                    // kSubFlow: the item whose flow runs here.
};

// Ways a citizen (or an enterprise) proves who they are at the terminal.
inline constexpr const char* kIdentificationMethods[] = {
    "social_security_card", "id_card", "e_social_security_qr", "medical_insurance_qr",
    "business_license_qr"};

struct ServiceItem {
  std::string id;
  std::string name_zh;
  std::string name_en;
  std::vector<std::string> keywords;
  std::string category;
  std::string department;
  std::vector<std::string> regions;  // Regions that handle it.
  std::int64_t usage_weight = 0;
  ServiceGuide guide;
  std::vector<std::string> identification;  // "social_security_card", ...
  std::vector<FieldDefinition> fields;
  std::vector<FlowStep> flow;

  const FieldDefinition* FindField(const std::string& field_id) const;
  bool Accepts(const std::string& method) const;
};

}  // namespace kiosk
