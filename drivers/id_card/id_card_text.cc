#include "drivers/id_card/id_card_text.h"

#include <fmt/format.h>

#include <optional>
#include <string_view>

#include "drivers/id_card/id_card_codes.h"
#include "drivers/id_card/id_number_check.h"
#include "drivers/id_card/ucs2_text.h"

namespace kiosk::devices {
namespace {

constexpr const char* kInvalidReason = "card_data_invalid";

std::unexpected<Error> Invalid(std::string detail) {
  return std::unexpected(Error(ErrorCode::kInvalidData, std::move(detail), kInvalidReason));
}

std::unexpected<Error> InvalidField(const CardTextField& field, std::string_view problem) {
  return Invalid(fmt::format("ID card {} field: {}", field.name, problem));
}

bool AllDigits(std::string_view text) {
  for (char c : text) {
    if (c < '0' || c > '9') return false;
  }
  return !text.empty();
}

bool IsLeapYear(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

// "YYYYMMDD" as "YYYY-MM-DD" if it is a calendar date of 1900–2199 (a
// card's validity may end far ahead), else nullopt.
std::optional<std::string> IsoDate(std::string_view digits) {
  if (digits.size() != 8 || !AllDigits(digits)) return std::nullopt;
  const int year = std::stoi(std::string(digits.substr(0, 4)));
  const int month = std::stoi(std::string(digits.substr(4, 2)));
  const int day = std::stoi(std::string(digits.substr(6, 2)));
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (year < 1900 || year > 2199 || month < 1 || month > 12 || day < 1) return std::nullopt;
  const int last_day = kDays[month - 1] + (month == 2 && IsLeapYear(year) ? 1 : 0);
  if (day > last_day) return std::nullopt;
  return fmt::format("{}-{}-{}", digits.substr(0, 4), digits.substr(4, 2), digits.substr(6, 2));
}

Result<std::string> Field(std::span<const std::uint8_t> text, const CardTextField& field) {
  auto decoded = DecodeUcs2Field(text.subspan(field.offset, field.size));
  if (!decoded) return InvalidField(field, decoded.error().detail);
  return decoded;
}

Result<std::string> Date(std::span<const std::uint8_t> text, const CardTextField& field) {
  auto digits = Field(text, field);
  if (!digits) return digits;
  auto date = IsoDate(*digits);
  if (!date) return InvalidField(field, "not a calendar date YYYYMMDD");
  return *date;
}

// Fills `card` from the text; on failure `card` holds what was decoded so
// far and the caller wipes it.
Result<void> DecodeInto(std::span<const std::uint8_t> text, IdCard& card) {
  auto name = Field(text, kNameField);
  if (!name) return std::unexpected(name.error());
  card.name = std::move(*name);
  if (card.name.empty()) return InvalidField(kNameField, "empty");

  auto gender_code = Field(text, kGenderField);
  if (!gender_code) return std::unexpected(gender_code.error());
  card.gender_code = std::move(*gender_code);
  const auto gender = GenderName(card.gender_code);
  if (!gender) return InvalidField(kGenderField, "not a GB/T 2261.1 code (0, 1, 2 or 9)");
  card.gender = *gender;

  auto nation_code = Field(text, kNationField);
  if (!nation_code) return std::unexpected(nation_code.error());
  card.nation_code = std::move(*nation_code);
  const auto nation = NationName(card.nation_code);
  if (!nation) return InvalidField(kNationField, "not a GB/T 3304 code (01-56, 97, 98)");
  card.nation = *nation;

  auto birth_date = Date(text, kBirthDateField);
  if (!birth_date) return std::unexpected(birth_date.error());
  card.birth_date = std::move(*birth_date);

  auto address = Field(text, kAddressField);
  if (!address) return std::unexpected(address.error());
  card.address = std::move(*address);
  if (card.address.empty()) return InvalidField(kAddressField, "empty");

  auto id_number = Field(text, kIdNumberField);
  if (!id_number) return std::unexpected(id_number.error());
  card.id_number = std::move(*id_number);
  if (!IsValidIdNumber(card.id_number)) {
    return InvalidField(kIdNumberField, "not 17 digits and a matching GB 11643 check character");
  }
  const std::string birth_digits =
      card.birth_date.substr(0, 4) + card.birth_date.substr(5, 2) + card.birth_date.substr(8, 2);
  if (card.id_number.compare(6, 8, birth_digits) != 0) {
    return InvalidField(kIdNumberField, "its birth date differs from the card's birth date");
  }
  const bool odd_sequence = (card.id_number[16] - '0') % 2 == 1;
  if ((card.gender_code == "1" && !odd_sequence) || (card.gender_code == "2" && odd_sequence)) {
    return InvalidField(kIdNumberField, "its sex digit differs from the card's gender");
  }

  auto authority = Field(text, kAuthorityField);
  if (!authority) return std::unexpected(authority.error());
  card.issuing_authority = std::move(*authority);
  if (card.issuing_authority.empty()) return InvalidField(kAuthorityField, "empty");

  auto valid_from = Date(text, kValidFromField);
  if (!valid_from) return std::unexpected(valid_from.error());
  card.valid_from = std::move(*valid_from);

  auto valid_to = Field(text, kValidToField);
  if (!valid_to) return std::unexpected(valid_to.error());
  if (*valid_to == kLongTermValidity) {
    card.valid_to = std::move(*valid_to);
  } else {
    auto date = IsoDate(*valid_to);
    if (!date) return InvalidField(kValidToField, "neither a date YYYYMMDD nor 长期");
    card.valid_to = std::move(*date);
    if (card.valid_to <= card.valid_from) {
      return InvalidField(kValidToField, "the validity ends before it starts");
    }
  }
  return {};
}

std::size_t BigEndian16(std::span<const std::uint8_t> bytes) {
  return (std::size_t{bytes[0]} << 8) | bytes[1];
}

}  // namespace

Result<IdCard> DecodeCardText(std::span<const std::uint8_t> text) {
  if (text.size() != kCardTextBytes) {
    return Invalid(
        fmt::format("the ID card text is {} bytes, expected {}", text.size(), kCardTextBytes));
  }
  IdCard card;
  if (auto decoded = DecodeInto(text, card); !decoded) {
    card.Wipe();
    return std::unexpected(decoded.error());
  }
  return card;
}

Result<IdCard> DecodeTextAndPhoto(std::span<const std::uint8_t> data) {
  if (data.size() < 4) {
    return Invalid(
        fmt::format("the 30 01 answer holds {} bytes, too few for the two lengths", data.size()));
  }
  const std::size_t text_length = BigEndian16(data.subspan(0, 2));
  const std::size_t photo_length = BigEndian16(data.subspan(2, 2));
  if (text_length != kCardTextBytes || photo_length != kCardPhotoBytes) {
    return Invalid(
        fmt::format("the 30 01 answer announces {} bytes of text and {} of photo, "
                    "expected {} and {}",
                    text_length, photo_length, kCardTextBytes, kCardPhotoBytes));
  }
  if (data.size() != 4 + text_length + photo_length) {
    return Invalid(fmt::format("the 30 01 answer holds {} bytes after the lengths, announced {}",
                               data.size() - 4, text_length + photo_length));
  }
  auto card = DecodeCardText(data.subspan(4, text_length));
  if (!card) return card;
  const auto photo = data.subspan(4 + text_length, photo_length);
  card->photo = WltPhoto({photo.begin(), photo.end()});
  return card;
}

Result<std::string> DecodeAppendedAddress(std::span<const std::uint8_t> data) {
  if (data.size() > kAddressField.size) {
    return Invalid(fmt::format("the 30 03 answer holds {} bytes, at most {} expected", data.size(),
                               kAddressField.size));
  }
  auto address = DecodeUcs2Field(data);
  if (!address) return Invalid("ID card appended address: " + address.error().detail);
  return address;
}

}  // namespace kiosk::devices
