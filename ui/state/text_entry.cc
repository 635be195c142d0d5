#include "ui/state/text_entry.h"

namespace kiosk::ui {

KeyboardLayout LayoutFor(validation::FieldType type) {
  using validation::FieldType;
  switch (type) {
    case FieldType::kIdNumber: return KeyboardLayout::kIdNumber;
    case FieldType::kCreditCode: return KeyboardLayout::kCode;
    case FieldType::kPhone:
    case FieldType::kBankCard: return KeyboardLayout::kDigits;
    case FieldType::kDate: return KeyboardLayout::kDate;
    case FieldType::kMoney: return KeyboardLayout::kMoney;
    case FieldType::kChoice:
    case FieldType::kText: return KeyboardLayout::kText;
  }
  return KeyboardLayout::kText;
}

}  // namespace kiosk::ui
