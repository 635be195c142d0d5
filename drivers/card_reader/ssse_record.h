#pragma once

// The data items of a 社会保障卡's EF05 and EF06 (shared/docs/DEVICES.md):
// each READ RECORD answers `tag length value`. Text is GBK (GB18030 here,
// so names with rare characters in four-byte form decode too), codes are
// ASCII, dates and codes BCD. Cards pad a short value with 0x00, 0x20 or
// 0xFF bytes, BCD with F nibbles: all are accepted.

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "common/error.h"
#include "drivers/card_reader/social_security_card.h"

namespace kiosk::devices::ssse {

struct Tlv {
  std::uint8_t tag = 0;
  std::span<const std::uint8_t> value;
};

// Consecutive tag-length-value items; a length is one byte below 0x80 or
// 0x81 and one byte. kInvalidData ("card_data_invalid") when an item runs
// past the end.
Result<std::vector<Tlv>> ParseTlvs(std::span<const std::uint8_t> bytes);

enum class FieldKind {
  kText,       // GBK / GB18030, padded.
  kAscii,      // Letters, digits and a few signs, padded.
  kBcdDate,    // 4 bytes YYYYMMDD; all F (or all 0) means none.
  kBcdDigits,  // Digits, F-padded.
  kGender,     // '1' male, '2' female (also 0x01, 0x02), '0' / '9' unknown.
};

struct FieldSpec {
  std::uint8_t file;  // 0x05 or 0x06.
  std::uint8_t tag;
  const char* name;    // "name", "issue_date", ...
  std::size_t length;  // The most bytes the value may have.
  FieldKind kind;
};

// The items the kiosk reads, EF05 first, in reading order.
std::span<const FieldSpec> CardFields();

// The spec of `tag`; nullptr for a tag the kiosk does not read.
const FieldSpec* FindField(std::uint8_t tag);

// The value in a READ RECORD answer for `field`: one item with its tag and
// at most its length (trailing bytes after the item are ignored).
Result<std::span<const std::uint8_t>> RecordValue(const FieldSpec& field,
                                                  std::span<const std::uint8_t> answer);

// `value` without its padding: cut at the first 0x00 or 0xFF (neither
// occurs inside GBK or ASCII text), then trailing spaces dropped.
std::span<const std::uint8_t> TrimPadding(std::span<const std::uint8_t> value);

// GB18030 (a superset of GBK) to UTF-8; kInvalidData for bytes that are
// not GB18030.
Result<std::string> Gb18030ToUtf8(std::span<const std::uint8_t> text);

// The digits of F-padded BCD: "4403" from 44 03 FF. kInvalidData for a
// nibble A-E, or a digit after an F.
Result<std::string> DecodeBcdDigits(std::span<const std::uint8_t> bcd);

// "2031-05-18" from 20 31 05 18; "" for a date the card leaves out (all F
// or all zero). kInvalidData for anything else that is not a calendar date.
Result<std::string> DecodeBcdDate(std::span<const std::uint8_t> bcd);

// The value of `field` as the kiosk stores it (see SocialSecurityCard).
Result<std::string> DecodeField(const FieldSpec& field, std::span<const std::uint8_t> value);

// Decodes `value` and stores it in its member of `card`.
Result<void> StoreField(const FieldSpec& field, std::span<const std::uint8_t> value,
                        SocialSecurityCard& card);

// Decodes items in any order (the EF05 and EF06 answers concatenated);
// unknown tags are skipped, and every field of CardFields() is needed.
// Used by the fuzz target and for cards that answer a whole file at once.
Result<SocialSecurityCard> DecodeItems(std::span<const std::uint8_t> bytes);

// The fields a decoded card must have: kInvalidData naming the first
// missing or inconsistent one (e.g. a card identifier under 6 characters).
Result<void> CheckCard(const SocialSecurityCard& card);

}  // namespace kiosk::devices::ssse
