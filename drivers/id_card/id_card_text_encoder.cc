#include "drivers/id_card/id_card_text_encoder.h"

#include <fmt/format.h>

#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "common/secure_wipe.h"
#include "drivers/id_card/id_card_text.h"
#include "drivers/id_card/wipe_bytes.h"

namespace kiosk::devices {
namespace {

// The next code point of UTF-8 `text` at `i`, or nullopt if malformed.
std::optional<char32_t> NextCodePoint(std::string_view text, std::size_t& i) {
  const auto byte = [&](std::size_t at) { return static_cast<unsigned char>(text[at]); };
  const unsigned char lead = byte(i);
  std::size_t length = lead < 0x80 ? 1 : (lead >> 5) == 0x6 ? 2 : (lead >> 4) == 0xE ? 3 : 0;
  if (length == 0 || i + length > text.size()) return std::nullopt;
  char32_t c = length == 1 ? lead : length == 2 ? (lead & 0x1F) : (lead & 0x0F);
  for (std::size_t k = 1; k < length; ++k) {
    if ((byte(i + k) & 0xC0) != 0x80) return std::nullopt;
    c = (c << 6) | (byte(i + k) & 0x3F);
  }
  i += length;
  return c;
}

Result<void> Put(std::vector<std::uint8_t>& text, const CardTextField& field,
                 std::string_view value) {
  std::size_t at = field.offset;
  for (std::size_t i = 0; i < value.size();) {
    const auto c = NextCodePoint(value, i);
    if (!c || (*c >= 0xD800 && *c <= 0xDFFF)) {
      return Fail(ErrorCode::kInvalidArgument,
                  fmt::format("ID card {} is not UTF-8 of the BMP", field.name));
    }
    if (at + 2 > field.offset + field.size) {
      return Fail(
          ErrorCode::kInvalidArgument,
          fmt::format("ID card {} is longer than {} characters", field.name, field.size / 2));
    }
    text[at++] = static_cast<std::uint8_t>(*c & 0xFF);
    text[at++] = static_cast<std::uint8_t>(*c >> 8);
  }
  return {};
}

std::string Digits(std::string_view iso_date) {
  std::string digits;
  for (char c : iso_date) {
    if (c != '-') digits += c;
  }
  return digits;
}

}  // namespace

Result<std::vector<std::uint8_t>> EncodeCardText(const IdCard& card) {
  // Space padding, as cards have it: U+0020 little-endian.
  std::vector<std::uint8_t> text(kCardTextBytes, 0);
  for (std::size_t i = 0; i < text.size(); i += 2) text[i] = 0x20;
  std::string birth = Digits(card.birth_date);
  std::string valid_from = Digits(card.valid_from);
  std::string valid_to = card.LongTermValid() ? card.valid_to : Digits(card.valid_to);
  const std::pair<const CardTextField*, std::string_view> fields[] = {
      {&kNameField, card.name},
      {&kGenderField, card.gender_code},
      {&kNationField, card.nation_code},
      {&kBirthDateField, birth},
      {&kAddressField, card.address},
      {&kIdNumberField, card.id_number},
      {&kAuthorityField, card.issuing_authority},
      {&kValidFromField, valid_from},
      {&kValidToField, valid_to},
  };
  Result<void> done;
  for (const auto& [field, value] : fields) {
    done = Put(text, *field, value);
    if (!done) break;
  }
  for (std::string* digits : {&birth, &valid_from, &valid_to}) SecureWipe(*digits);
  if (!done) {
    WipeBytes(text);
    return std::unexpected(done.error());
  }
  return text;
}

}  // namespace kiosk::devices
