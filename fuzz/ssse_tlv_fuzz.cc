// libFuzzer target over the 社保卡 decoders: the item (TLV) parser, the
// field decoders (GB18030 text, ASCII codes, BCD dates and digits,
// padding) and the whole read sequence against a card whose answers are
// the fuzz input. The first byte picks which. Beyond not crashing it
// checks: every item lies inside the input, decoded text is valid UTF-8,
// a decoded card has a six-digit region code, and a read ends within a
// bounded number of APDUs whatever the card answers (61xx, 6Cxx, P2 04).

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "drivers/card_reader/ssse_record.h"
#include "drivers/card_reader/ssse_session.h"

namespace {

using namespace kiosk::devices::ssse;

void Check(bool condition) {
  if (!condition) __builtin_trap();
}

bool ValidUtf8(const std::string& text) {
  for (std::size_t i = 0; i < text.size();) {
    const auto lead = static_cast<unsigned char>(text[i]);
    const std::size_t length = lead < 0x80         ? 1
                               : (lead >> 5) == 6  ? 2
                               : (lead >> 4) == 14 ? 3
                               : (lead >> 3) == 30 ? 4
                                                   : 0;
    if (length == 0 || i + length > text.size()) return false;
    for (std::size_t k = 1; k < length; ++k) {
      if ((static_cast<unsigned char>(text[i + k]) >> 6) != 2) return false;
    }
    i += length;
  }
  return true;
}

// Answers each command with the next piece of the input: a length byte,
// then that many bytes (data and status word).
class FuzzChannel final : public ApduChannel {
 public:
  explicit FuzzChannel(std::span<const std::uint8_t> input) : input_(input) {}
  kiosk::Result<Bytes> Transmit(const Command&) override {
    ++calls;
    if (input_.empty()) return kiosk::Fail(kiosk::ErrorCode::kIo, "the card is gone");
    std::size_t length = input_[0];
    input_ = input_.subspan(1);
    length = std::min(length, input_.size());
    Bytes answer(input_.begin(), input_.begin() + static_cast<long>(length));
    input_ = input_.subspan(length);
    return answer;
  }
  int calls = 0;

 private:
  std::span<const std::uint8_t> input_;
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::span<const std::uint8_t> input(data + 1, size - 1);
  switch (data[0] % 3) {
    case 0: {
      if (auto items = ParseTlvs(input)) {
        for (const Tlv& item : *items) {
          Check(item.value.data() >= input.data() &&
                item.value.data() + item.value.size() <= input.data() + input.size());
        }
      }
      if (auto card = DecodeItems(input)) {
        Check(card->RegionCode().size() == 6);
        Check(ValidUtf8(card->name));
      }
      break;
    }
    case 1: {
      for (const FieldSpec& field : CardFields()) {
        auto value = RecordValue(field, input);
        if (!value) continue;
        Check(value->size() <= field.length);
        if (auto decoded = DecodeField(field, *value)) Check(ValidUtf8(*decoded));
      }
      break;
    }
    default: {
      FuzzChannel channel(input);
      SsseReadStats stats;
      auto card = ReadSsseCard(channel, &stats);
      // 3 SELECTs and 12 items, each at most twice (P2 04), each with
      // two Le retries and eight GET RESPONSEs.
      Check(channel.calls <= 15 * 2 * 11);
      Check(stats.apdus == channel.calls);
      if (card) Check(ValidUtf8(card->name) && card->RegionCode().size() == 6);
      break;
    }
  }
  return 0;
}
