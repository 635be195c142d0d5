#pragma once

// Decodes what a reader answers to 30 01 (read text and photo) and 30 03
// (read appended address): shared/docs/DEVICES.md gives the layout. Every
// field is checked, so a misread card is refused with the field and the
// reason rather than shown to the citizen; details never quote the text.

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>

#include "common/error.h"
#include "drivers/id_card/id_card.h"

namespace kiosk::devices {

inline constexpr std::size_t kCardTextBytes = 256;
inline constexpr std::size_t kCardPhotoBytes = 1024;

// The fields of the 256-byte text, in order, with their sizes in bytes.
struct CardTextField {
  const char* name;
  std::size_t offset;
  std::size_t size;
};
inline constexpr CardTextField kNameField{"name", 0, 30};
inline constexpr CardTextField kGenderField{"gender", 30, 2};
inline constexpr CardTextField kNationField{"nation", 32, 4};
inline constexpr CardTextField kBirthDateField{"birth date", 36, 16};
inline constexpr CardTextField kAddressField{"address", 52, 70};
inline constexpr CardTextField kIdNumberField{"ID number", 122, 36};
inline constexpr CardTextField kAuthorityField{"issuing authority", 158, 30};
inline constexpr CardTextField kValidFromField{"valid from", 188, 16};
inline constexpr CardTextField kValidToField{"valid to", 204, 16};
inline constexpr CardTextField kReservedField{"reserved", 220, 36};

// The 256 bytes of text as an IdCard (photo empty). kInvalidData (reason
// "card_data_invalid") for a text of another size, a field that does not
// decode, an empty name, address or authority, an unknown gender or nation
// code, a date that is not a calendar date, an ID number with a wrong check
// character or one whose birth date or sex disagrees with the card's, and
// a validity that ends before it starts.
Result<IdCard> DecodeCardText(std::span<const std::uint8_t> text);

// The data of a 30 01 answer: text length (2 bytes, big-endian, 256), photo
// length (2 bytes, 1024), the text, the photo.
Result<IdCard> DecodeTextAndPhoto(std::span<const std::uint8_t> data);

// The data of a 30 03 answer: the appended address, UCS-2 and padded like
// the card's address (at most 70 bytes); "" when it is blank.
Result<std::string> DecodeAppendedAddress(std::span<const std::uint8_t> data);

}  // namespace kiosk::devices
