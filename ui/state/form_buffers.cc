#include "ui/state/form_buffers.h"

#include <algorithm>

#include "common/secure_wipe.h"

namespace kiosk::ui {
namespace {

std::string FormKey(const SessionView& view) {
  std::string key = view.step_item != nullptr ? view.step_item->id : std::string();
  key += "#" + std::to_string(view.step_number);
  for (const auto& field : view.form) key += "," + field.id;
  return key;
}

}  // namespace

std::size_t BufferCapacity(const FormFieldView& field) {
  constexpr std::size_t kCodeCapacity = 64;  // IDs, phones, cards, dates, amounts.
  if (field.rule == nullptr || field.rule->type != validation::FieldType::kText) {
    return kCodeCapacity;
  }
  return std::max<std::size_t>(kCodeCapacity, (field.rule->max_length + 8) * 4 + 1);
}

bool FormBuffers::Follow(const SessionView& view) {
  if (view.screen != Screen::kForm) {
    if (!buffers_.empty() || !form_key_.empty()) Wipe();
    return false;
  }
  const std::string key = FormKey(view);
  if (key == form_key_) return false;
  Wipe();
  form_key_ = key;
  for (const auto& field : view.form) {
    std::string& buffer = buffers_[field.id];
    buffer.assign(BufferCapacity(field), '\0');
    // Back from the confirm screen, or a refused input: show it again.
    std::copy_n(field.value.begin(), std::min(field.value.size(), buffer.size() - 1),
                buffer.begin());
  }
  return true;
}

char* FormBuffers::Data(const std::string& field_id) {
  auto found = buffers_.find(field_id);
  return found == buffers_.end() ? nullptr : found->second.data();
}

std::size_t FormBuffers::Capacity(const std::string& field_id) const {
  auto found = buffers_.find(field_id);
  return found == buffers_.end() ? 0 : found->second.size();
}

std::string FormBuffers::Text(const std::string& field_id) const {
  auto found = buffers_.find(field_id);
  if (found == buffers_.end()) return {};
  return std::string(found->second.c_str());
}

void FormBuffers::Set(const std::string& field_id, const std::string& text) {
  auto found = buffers_.find(field_id);
  if (found == buffers_.end()) return;
  std::string& buffer = found->second;
  std::fill(buffer.begin(), buffer.end(), '\0');
  std::copy_n(text.begin(), std::min(text.size(), buffer.size() - 1), buffer.begin());
}

void FormBuffers::Wipe() {
  for (auto& [id, buffer] : buffers_) SecureWipe(buffer);
  buffers_.clear();
  form_key_.clear();
}

}  // namespace kiosk::ui
