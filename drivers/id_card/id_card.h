#pragma once

// What the kiosk reads from a 居民身份证 (shared/docs/DEVICES.md): the text
// fields decoded and checked, the codes with the words the card prints for
// them, and the photo kept as the card stores it. Dates are ISO
// "YYYY-MM-DD".

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace kiosk::devices {

// The WLT-compressed photo, exactly as read. Decoding it needs the vendor's
// licensed library, so the bytes stay opaque: only an IdCardPhotoDecoder
// (id_card_photo.h) turns them into an image, and without one the kiosk
// shows no photo rather than something it cannot vouch for.
class WltPhoto {
 public:
  WltPhoto() = default;
  explicit WltPhoto(std::vector<std::uint8_t> bytes) : bytes_(std::move(bytes)) {}

  std::span<const std::uint8_t> Bytes() const { return bytes_; }
  bool Empty() const { return bytes_.empty(); }
  void Wipe();

 private:
  std::vector<std::uint8_t> bytes_;
};

inline constexpr std::string_view kLongTermValidity = "长期";

struct IdCard {
  std::string name;
  std::string gender_code;  // "0", "1", "2" or "9".
  std::string gender;       // As printed: "男", "女", "未知", "未说明".
  std::string nation_code;  // "01" … "56", "97", "98".
  std::string nation;       // As printed: "汉", "蒙古", …
  std::string birth_date;
  std::string address;
  // The newer address a police station wrote to the card after a move (read
  // with 30 03); empty when there is none.
  std::string appended_address;
  std::string id_number;  // 18 characters with a valid check character.
  std::string issuing_authority;
  std::string valid_from;
  std::string valid_to;  // A date, or kLongTermValidity.
  WltPhoto photo;

  bool LongTermValid() const { return valid_to == kLongTermValidity; }
  // The address that holds now: the appended one when the card has it.
  const std::string& CurrentAddress() const {
    return appended_address.empty() ? address : appended_address;
  }

  // Overwrites every field and the photo: personal data must not linger in
  // freed memory after a session ends.
  void Wipe();
};

}  // namespace kiosk::devices
