#include "tests/flow/answer_generator.h"

#include "kiosk/core/validation/bank_card.h"
#include "kiosk/core/validation/credit_code.h"
#include "kiosk/core/validation/id_number.h"
#include "kiosk/core/validation/money.h"

namespace kiosk::testing {

std::string ValidAnswerFor(const validation::FieldRule& rule, const validation::Date& today) {
  using validation::FieldType;
  switch (rule.type) {
    case FieldType::kIdNumber: {
      const std::string first17 = "44200020261001003";
      return first17 + validation::IdNumberCheckChar(first17);
    }
    case FieldType::kCreditCode: {
      const std::string first17 = "91442000686370259";
      return first17 + validation::CreditCodeCheckChar(first17);
    }
    case FieldType::kPhone: return "13912345678";
    case FieldType::kBankCard: {
      std::string digits = "622202100112345678";
      for (char check = '0'; check <= '9'; ++check) {
        if (validation::PassesLuhn(digits + check)) return digits + check;
      }
      return digits;
    }
    case FieldType::kDate: {
      validation::Date date = today;
      if (rule.max_date && *rule.max_date < date) date = *rule.max_date;
      if (rule.min_date && date < *rule.min_date) date = *rule.min_date;
      return validation::ToIsoString(date);
    }
    case FieldType::kMoney: {
      const std::int64_t fen =
          std::max<std::int64_t>(rule.min_fen, std::min<std::int64_t>(rule.max_fen, 10000));
      return validation::FormatFenAsYuan(fen);
    }
    case FieldType::kChoice: return rule.options.empty() ? "" : rule.options.front().id;
    case FieldType::kText: {
      std::string text;
      std::size_t length = 0;
      const std::size_t wanted =
          std::max<std::size_t>(rule.min_length, std::min<std::size_t>(6, rule.max_length));
      while (length < wanted) {
        text += "测";
        ++length;
      }
      return text;
    }
  }
  return "";
}

}  // namespace kiosk::testing
