#pragma once

// What a validator says about a citizen's input. A rejection carries a
// stable reason code ("bad_check_digit") that the UI turns into the
// citizen's text (key "field.error.<reason>"), placeholder values for that
// text, and a precise English detail for the log. Details never repeat
// the input itself: an ID or card number must not end up in a log file.

#include <expected>
#include <map>
#include <string>
#include <utility>

namespace kiosk::validation {

// The reason codes. They are part of the contract with the UI texts:
// rename one only together with its "field.error.*" text.
namespace reason {
inline constexpr char kRequired[] = "required";              // Empty, but the field is required.
inline constexpr char kBadLength[] = "bad_length";           // Wrong number of digits/characters.
inline constexpr char kBadCharacter[] = "bad_character";     // A character the field never allows.
inline constexpr char kBadFormat[] = "bad_format";           // Allowed characters, wrong shape.
inline constexpr char kBadCheckDigit[] = "bad_check_digit";  // Mistyped: the check digit disagrees.
inline constexpr char kBadDate[] = "bad_date";               // Not a calendar date, or impossible.
inline constexpr char kBadRegion[] = "bad_region";           // Unknown administrative region.
inline constexpr char kBadAuthority[] = "bad_authority";     // Unknown registration authority.
inline constexpr char kTooShort[] = "too_short";
inline constexpr char kTooLong[] = "too_long";
inline constexpr char kOutOfRange[] = "out_of_range";  // Amount or date outside its bounds.
inline constexpr char kNotAChoice[] = "not_a_choice";
}  // namespace reason

struct FieldError {
  std::string reason;  // One of the codes above.
  std::string detail;  // English, for maintenance staff; no citizen data.
  // Placeholders for the citizen's text, e.g. {"max_length", "50"}.
  std::map<std::string, std::string> values;

  // The UI text key, e.g. "field.error.bad_check_digit".
  std::string TextKey() const { return "field.error." + reason; }
};

template <typename T>
using FieldResult = std::expected<T, FieldError>;

// Shorthand for returning a rejection: `return Reject(reason::kTooLong, "...")`.
inline std::unexpected<FieldError> Reject(std::string reason_code, std::string detail,
                                          std::map<std::string, std::string> values = {}) {
  return std::unexpected<FieldError>(
      FieldError{std::move(reason_code), std::move(detail), std::move(values)});
}

}  // namespace kiosk::validation
