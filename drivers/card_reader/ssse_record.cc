#include "drivers/card_reader/ssse_record.h"

#include <fmt/format.h>
#include <iconv.h>

#include <algorithm>
#include <array>
#include <cerrno>

#include "drivers/card_reader/ssse_apdu.h"

namespace kiosk::devices::ssse {
namespace {

Error DataError(std::string detail) {
  return Error(ErrorCode::kInvalidData, std::move(detail), "card_data_invalid");
}

constexpr std::array<FieldSpec, 12> kFields = {{
    {0x05, 0x01, "card_identifier", 16, FieldKind::kAscii},
    {0x05, 0x02, "card_type", 1, FieldKind::kAscii},
    {0x05, 0x03, "spec_version", 4, FieldKind::kAscii},
    {0x05, 0x04, "issuing_institution", 12, FieldKind::kAscii},
    {0x05, 0x05, "issue_date", 4, FieldKind::kBcdDate},
    {0x05, 0x06, "expiry_date", 4, FieldKind::kBcdDate},
    {0x05, 0x07, "card_number", 9, FieldKind::kAscii},
    {0x06, 0x08, "ssn", 18, FieldKind::kAscii},
    {0x06, 0x09, "name", 30, FieldKind::kText},
    {0x06, 0x0A, "gender", 1, FieldKind::kGender},
    {0x06, 0x0B, "nation", 1, FieldKind::kBcdDigits},
    {0x06, 0x0D, "birth_date", 4, FieldKind::kBcdDate},
}};

bool IsDigits(std::string_view text) {
  return std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

int DaysInMonth(int year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return month == 2 && leap ? 29 : kDays[month - 1];
}

std::string* Member(std::uint8_t tag, SocialSecurityCard& card) {
  switch (tag) {
    case 0x01: return &card.card_identifier;
    case 0x02: return &card.card_type;
    case 0x03: return &card.spec_version;
    case 0x04: return &card.issuing_institution;
    case 0x05: return &card.issue_date;
    case 0x06: return &card.expiry_date;
    case 0x07: return &card.card_number;
    case 0x08: return &card.ssn;
    case 0x09: return &card.name;
    case 0x0A: return &card.gender;
    case 0x0B: return &card.nation;
    case 0x0D: return &card.birth_date;
    default: return nullptr;
  }
}

}  // namespace

Result<std::vector<Tlv>> ParseTlvs(std::span<const std::uint8_t> bytes) {
  std::vector<Tlv> items;
  std::size_t at = 0;
  while (at < bytes.size()) {
    const std::uint8_t tag = bytes[at++];
    if (at >= bytes.size()) {
      return std::unexpected(DataError(fmt::format("item {:02X} has no length", tag)));
    }
    std::size_t length = bytes[at++];
    if (length == 0x81) {
      if (at >= bytes.size()) {
        return std::unexpected(
            DataError(fmt::format("item {:02X}: length 81 without a byte", tag)));
      }
      length = bytes[at++];
    } else if (length > 0x80) {
      return std::unexpected(
          DataError(fmt::format("item {:02X}: length form {:02X} not supported", tag, length)));
    }
    if (length > bytes.size() - at) {
      return std::unexpected(DataError(fmt::format(
          "item {:02X} claims {} bytes, {} remain (truncated)", tag, length, bytes.size() - at)));
    }
    items.push_back(Tlv{tag, bytes.subspan(at, length)});
    at += length;
  }
  return items;
}

std::span<const FieldSpec> CardFields() { return kFields; }

const FieldSpec* FindField(std::uint8_t tag) {
  for (const FieldSpec& field : kFields) {
    if (field.tag == tag) return &field;
  }
  return nullptr;
}

Result<std::span<const std::uint8_t>> RecordValue(const FieldSpec& field,
                                                  std::span<const std::uint8_t> answer) {
  if (answer.size() < 2) {
    return std::unexpected(
        DataError(fmt::format("EF{:02X} item {:02X} ({}): answer of {} byte(s)", field.file,
                              field.tag, field.name, answer.size())));
  }
  if (answer[0] != field.tag) {
    return std::unexpected(
        DataError(fmt::format("EF{:02X} item {:02X} ({}): the answer has tag {:02X}", field.file,
                              field.tag, field.name, answer[0])));
  }
  std::size_t header = 2;
  std::size_t length = answer[1];
  if (length == 0x81 && answer.size() >= 3) {
    length = answer[2];
    header = 3;
  }
  if (length > answer.size() - header) {
    return std::unexpected(
        DataError(fmt::format("EF{:02X} item {:02X} ({}) claims {} bytes, {} came (truncated)",
                              field.file, field.tag, field.name, length, answer.size() - header)));
  }
  if (length > field.length) {
    return std::unexpected(
        DataError(fmt::format("EF{:02X} item {:02X} ({}) is {} bytes, at most {} allowed",
                              field.file, field.tag, field.name, length, field.length)));
  }
  return answer.subspan(header, length);
}

std::span<const std::uint8_t> TrimPadding(std::span<const std::uint8_t> value) {
  const auto end = std::find_if(value.begin(), value.end(),
                                [](std::uint8_t b) { return b == 0x00 || b == 0xFF; });
  std::size_t size = static_cast<std::size_t>(end - value.begin());
  while (size > 0 && value[size - 1] == 0x20) --size;
  return value.first(size);
}

Result<std::string> Gb18030ToUtf8(std::span<const std::uint8_t> text) {
  if (text.empty()) return std::string();
  iconv_t converter = iconv_open("UTF-8", "GB18030");
  if (converter == reinterpret_cast<iconv_t>(-1)) {
    return Fail(ErrorCode::kInternal, "iconv cannot convert GB18030 to UTF-8 on this system");
  }
  std::vector<char> input(text.begin(), text.end());
  std::string output(text.size() * 2 + 4, '\0');  // A GB18030 character grows to 4/3 at most.
  char* in = input.data();
  std::size_t in_left = input.size();
  char* out = output.data();
  std::size_t out_left = output.size();
  const std::size_t converted = iconv(converter, &in, &in_left, &out, &out_left);
  const int failure = errno;
  iconv_close(converter);
  std::fill(input.begin(), input.end(), '\0');
  if (converted == static_cast<std::size_t>(-1)) {
    const std::size_t offset = input.size() - in_left;
    return std::unexpected(DataError(
        fmt::format("text is not GB18030 at byte {} ({})", offset,
                    failure == EINVAL ? "a character cut short" : "an invalid sequence")));
  }
  output.resize(output.size() - out_left);
  return output;
}

Result<std::string> DecodeBcdDigits(std::span<const std::uint8_t> bcd) {
  std::string digits;
  bool padding = false;
  for (std::uint8_t byte : bcd) {
    for (int nibble : {byte >> 4, byte & 0x0F}) {
      if (nibble == 0x0F) {
        padding = true;
      } else if (nibble > 9) {
        return std::unexpected(DataError(fmt::format("BCD nibble {:X} is not a digit", nibble)));
      } else if (padding) {
        return std::unexpected(DataError("BCD digit after F padding"));
      } else {
        digits.push_back(static_cast<char>('0' + nibble));
      }
    }
  }
  return digits;
}

Result<std::string> DecodeBcdDate(std::span<const std::uint8_t> bcd) {
  if (std::all_of(bcd.begin(), bcd.end(), [](std::uint8_t b) { return b == 0xFF || b == 0x00; })) {
    return std::string();
  }
  auto digits = DecodeBcdDigits(bcd);
  if (!digits) return digits;
  if (digits->size() != 8) {
    return std::unexpected(DataError(fmt::format("date has {} digits, not 8", digits->size())));
  }
  const int year = std::stoi(digits->substr(0, 4));
  const int month = std::stoi(digits->substr(4, 2));
  const int day = std::stoi(digits->substr(6, 2));
  if (year < 1900 || month < 1 || month > 12 || day < 1 || day > DaysInMonth(year, month)) {
    return std::unexpected(DataError(fmt::format("{} is not a calendar date", *digits)));
  }
  return fmt::format("{}-{}-{}", digits->substr(0, 4), digits->substr(4, 2), digits->substr(6, 2));
}

Result<std::string> DecodeField(const FieldSpec& field, std::span<const std::uint8_t> value) {
  auto fail = [&](const std::string& why) -> Result<std::string> {
    return std::unexpected(DataError(
        fmt::format("EF{:02X} item {:02X} ({}): {}", field.file, field.tag, field.name, why)));
  };
  switch (field.kind) {
    case FieldKind::kText: {
      auto text = Gb18030ToUtf8(TrimPadding(value));
      if (!text) return fail(text.error().detail);
      return text;
    }
    case FieldKind::kAscii: {
      const auto trimmed = TrimPadding(value);
      std::string text(trimmed.begin(), trimmed.end());
      for (char c : text) {
        const bool ok = (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') ||
                        (c >= 'a' && c <= 'z') || c == '.' || c == '-' || c == ' ';
        if (!ok)
          return fail(
              fmt::format("byte {:02X} is not a letter or digit", static_cast<unsigned char>(c)));
      }
      return text;
    }
    case FieldKind::kBcdDate: {
      auto date = DecodeBcdDate(value);
      if (!date) return fail(date.error().detail);
      return date;
    }
    case FieldKind::kBcdDigits: {
      auto digits = DecodeBcdDigits(value);
      if (!digits) return fail(digits.error().detail);
      if (digits->size() == 1) digits->insert(0, "0");  // Nation "1F" is 01.
      return digits;
    }
    case FieldKind::kGender: {
      const auto trimmed = TrimPadding(value);
      if (trimmed.size() == 1) {
        switch (trimmed[0]) {
          case '1':
          case 0x01: return std::string("male");
          case '2':
          case 0x02: return std::string("female");
          case '0':
          case '9': return std::string("unknown");
          default: break;
        }
      }
      if (value.size() == 1 && value[0] == 0x00) return std::string("unknown");
      return fail("not a gender code");
    }
  }
  return fail("unknown field kind");
}

Result<void> StoreField(const FieldSpec& field, std::span<const std::uint8_t> value,
                        SocialSecurityCard& card) {
  auto decoded = DecodeField(field, value);
  if (!decoded) return std::unexpected(decoded.error());
  std::string* member = Member(field.tag, card);
  if (member == nullptr) return {};
  *member = std::move(*decoded);
  return {};
}

Result<SocialSecurityCard> DecodeItems(std::span<const std::uint8_t> bytes) {
  auto items = ParseTlvs(bytes);
  if (!items) return std::unexpected(items.error());
  SocialSecurityCard card;
  std::vector<std::uint8_t> seen;
  for (const Tlv& item : *items) {
    const FieldSpec* field = FindField(item.tag);
    if (field == nullptr) continue;
    if (item.value.size() > field->length) {
      card.Wipe();
      return std::unexpected(
          DataError(fmt::format("item {:02X} ({}) is {} bytes, at most {}", item.tag, field->name,
                                item.value.size(), field->length)));
    }
    if (auto stored = StoreField(*field, item.value, card); !stored) {
      card.Wipe();
      return std::unexpected(stored.error());
    }
    seen.push_back(item.tag);
  }
  for (const FieldSpec& field : kFields) {
    if (std::find(seen.begin(), seen.end(), field.tag) == seen.end()) {
      card.Wipe();
      return std::unexpected(
          DataError(fmt::format("item {:02X} ({}) is missing", field.tag, field.name)));
    }
  }
  if (auto checked = CheckCard(card); !checked) {
    card.Wipe();
    return std::unexpected(checked.error());
  }
  return card;
}

Result<void> CheckCard(const SocialSecurityCard& card) {
  if (card.card_identifier.size() < 6 || !IsDigits(card.card_identifier.substr(0, 6))) {
    return std::unexpected(
        DataError("the card identifier does not start with a six-digit region code"));
  }
  if (card.ssn.empty()) return std::unexpected(DataError("the social security number is empty"));
  if (card.name.empty()) return std::unexpected(DataError("the cardholder's name is empty"));
  if (card.card_number.empty()) return std::unexpected(DataError("the card number is empty"));
  return {};
}

}  // namespace kiosk::devices::ssse
