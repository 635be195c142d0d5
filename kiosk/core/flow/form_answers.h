#pragma once

// The values a citizen gave (or the terminal already knew) for an item's
// fields, across every form of the session: in a bundle a field with the
// same id is asked once. Values are stored normalised, after validation;
// a rejected input is kept only to show it back with its error.

#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kiosk/core/catalog/service_item.h"
#include "kiosk/core/flow/identity.h"
#include "kiosk/core/validation/validate.h"

namespace kiosk {

// Query name → the answer's record, for prefill and requirements.
using QueryAnswers = std::map<std::string, nlohmann::json>;

struct FieldAnswer {
  std::string value;       // Normalised; valid when `error` is empty.
  bool prefilled = false;  // Known already: not asked (秒报).
  std::optional<validation::FieldError> error;
};

class FormAnswers {
 public:
  // Fills what the identity or earlier queries already know, and returns
  // the fields of the form the citizen still has to answer.
  std::vector<const FieldDefinition*> Prepare(const ServiceItem& item, const FlowStep& form,
                                              const Identity& identity, const QueryAnswers& answers,
                                              const validation::Date& today);
  // Validates and stores one input; false (with the error kept) if refused.
  bool Set(const FieldDefinition& field, std::string_view input, const validation::Date& today);
  // Marks every unanswered required field of the list; true when all are valid.
  bool Complete(const std::vector<const FieldDefinition*>& fields);

  const FieldAnswer* Find(const std::string& field_id) const;
  // The answered values, for a submission's "fields" object.
  nlohmann::json ToJson() const;
  void Wipe();

 private:
  std::map<std::string, FieldAnswer> answers_;
};

// Where a prefill source points: "identity.name" or "query.<name>.<path>".
std::optional<std::string> ResolvePrefill(const std::string& source, const Identity& identity,
                                          const QueryAnswers& answers);

}  // namespace kiosk
