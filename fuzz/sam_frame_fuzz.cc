// libFuzzer target over the SAM protocol's decoders: the incremental frame
// parser (bytes arriving in pieces of any size, noise, corrupt frames) and
// the decoders of what a frame carries (the 30 01 text and photo, the 30 03
// appended address, a bare UCS-2 field). Beyond not crashing it checks:
// the parser never holds more than one frame's worth of bytes, a frame it
// accepts encodes back to the same bytes, and a card text that decodes
// encodes and decodes again to the same card.

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "drivers/id_card/id_card_text.h"
#include "drivers/id_card/id_card_text_encoder.h"
#include "drivers/id_card/sam_frame.h"
#include "drivers/id_card/sam_frame_parser.h"
#include "drivers/id_card/ucs2_text.h"

namespace {

using namespace kiosk::devices;

void Check(bool condition) {
  if (!condition) __builtin_trap();
}

bool SameCard(const IdCard& a, const IdCard& b) {
  return a.name == b.name && a.gender_code == b.gender_code && a.nation_code == b.nation_code &&
         a.birth_date == b.birth_date && a.address == b.address && a.id_number == b.id_number &&
         a.issuing_authority == b.issuing_authority && a.valid_from == b.valid_from &&
         a.valid_to == b.valid_to;
}

void DecodeCardTextRoundTrip(std::span<const std::uint8_t> text) {
  auto card = DecodeCardText(text);
  if (!card) return;
  auto encoded = EncodeCardText(*card);
  if (!encoded) return;  // E.g. a character outside the BMP: the encoder is for test cards.
  auto again = DecodeCardText(*encoded);
  Check(again.has_value() && SameCard(*card, *again));
}

void DecodeBody(const sam::FrameBody& body) {
  auto framed = sam::EncodeFrame(body);
  Check(framed.has_value());
  sam::FrameParser reparser;
  reparser.Feed(*framed);
  auto event = reparser.Next();
  Check(event.has_value() && event->kind == sam::ParseEventKind::kFrame && event->body == body);

  (void)sam::DecodeRequest(body);
  auto answer = sam::DecodeAnswer(body);
  if (!answer) return;
  if (auto card = DecodeTextAndPhoto(answer->data)) card->Wipe();
  (void)DecodeAppendedAddress(answer->data);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::span<const std::uint8_t> input(data, size);
  if (input.empty()) return 0;

  // The first byte sets how the rest arrives: pieces of 1 to 256 bytes.
  const std::size_t piece = std::size_t{input[0]} + 1;
  const auto stream = input.subspan(1);
  sam::FrameParser parser;
  for (std::size_t at = 0; at < stream.size(); at += piece) {
    const auto chunk = stream.subspan(at, std::min(piece, stream.size() - at));
    parser.Feed(chunk);
    while (auto event = parser.Next()) {
      if (event->kind == sam::ParseEventKind::kFrame) DecodeBody(event->body);
    }
    // Never more than a whole frame's worth waiting (plus what just came).
    Check(parser.BytesHeld() <= sam::kPreamble.size() + 2 + sam::kMaxLength + chunk.size());
  }

  // The same bytes straight into the text decoders.
  if (stream.size() >= kCardTextBytes) DecodeCardTextRoundTrip(stream.first(kCardTextBytes));
  (void)DecodeUcs2Field(stream.first(stream.size() & ~std::size_t{1}));
  if (auto card = DecodeTextAndPhoto(stream)) card->Wipe();
  return 0;
}
