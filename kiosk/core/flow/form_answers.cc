#include "kiosk/core/flow/form_answers.h"

#include "common/secure_wipe.h"
#include "kiosk/core/flow/displayed_record.h"

namespace kiosk {

std::optional<std::string> ResolvePrefill(const std::string& source, const Identity& identity,
                                          const QueryAnswers& answers) {
  constexpr std::string_view kIdentity = "identity.";
  constexpr std::string_view kQuery = "query.";
  if (source.starts_with(kIdentity)) return identity.Lookup(source.substr(kIdentity.size()));
  if (!source.starts_with(kQuery)) return std::nullopt;
  const std::string rest = source.substr(kQuery.size());
  const std::size_t dot = rest.find('.');
  if (dot == std::string::npos) return std::nullopt;
  auto answer = answers.find(rest.substr(0, dot));
  if (answer == answers.end()) return std::nullopt;
  const nlohmann::json* value = FindPath(answer->second, rest.substr(dot + 1));
  if (value == nullptr) return std::nullopt;
  std::string text = ScalarText(*value);
  if (text.empty()) return std::nullopt;
  return text;
}

std::vector<const FieldDefinition*> FormAnswers::Prepare(const ServiceItem& item,
                                                         const FlowStep& form,
                                                         const Identity& identity,
                                                         const QueryAnswers& answers,
                                                         const validation::Date& today) {
  std::vector<const FieldDefinition*> to_ask;
  for (const auto& field_id : form.fields) {
    const FieldDefinition* field = item.FindField(field_id);
    if (field == nullptr) continue;  // The catalog loader refuses this; never trust it blindly.
    if (const FieldAnswer* known = Find(field_id); known != nullptr && !known->error) continue;
    if (!field->prefill.empty()) {
      if (auto value = ResolvePrefill(field->prefill, identity, answers)) {
        auto checked = validation::Validate(field->rule, *value, today);
        if (checked) {
          answers_[field_id] = {checked->text, true, std::nullopt};
          continue;
        }
        // What the records hold does not pass: the citizen types it instead.
      }
    }
    to_ask.push_back(field);
  }
  return to_ask;
}

bool FormAnswers::Set(const FieldDefinition& field, std::string_view input,
                      const validation::Date& today) {
  auto checked = validation::Validate(field.rule, input, today);
  FieldAnswer& answer = answers_[field.id];
  SecureWipe(answer.value);
  answer.prefilled = false;
  if (!checked) {
    answer.value = std::string(input);
    answer.error = checked.error();
    return false;
  }
  answer.value = checked->text;
  answer.error.reset();
  return true;
}

bool FormAnswers::Complete(const std::vector<const FieldDefinition*>& fields) {
  bool complete = true;
  for (const FieldDefinition* field : fields) {
    auto found = answers_.find(field->id);
    if (found == answers_.end()) {
      if (!field->rule.required) {
        answers_[field->id] = {};
        continue;
      }
      answers_[field->id] = {
          "", false,
          validation::FieldError{validation::reason::kRequired, "required field left empty", {}}};
      complete = false;
    } else if (found->second.error) {
      complete = false;
    }
  }
  return complete;
}

const FieldAnswer* FormAnswers::Find(const std::string& field_id) const {
  auto found = answers_.find(field_id);
  return found == answers_.end() ? nullptr : &found->second;
}

nlohmann::json FormAnswers::ToJson() const {
  nlohmann::json fields = nlohmann::json::object();
  for (const auto& [id, answer] : answers_) {
    if (!answer.error) fields[id] = answer.value;
  }
  return fields;
}

void FormAnswers::Wipe() {
  for (auto& [id, answer] : answers_) SecureWipe(answer.value);
  answers_.clear();
}

}  // namespace kiosk
