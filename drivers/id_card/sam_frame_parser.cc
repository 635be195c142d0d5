#include "drivers/id_card/sam_frame_parser.h"

#include <algorithm>
#include <cstring>

#include "drivers/id_card/wipe_bytes.h"

namespace kiosk::devices::sam {
namespace {

constexpr std::size_t kHeaderSize = kPreamble.size() + 2;  // Preamble and length.

}  // namespace

FrameParser::~FrameParser() { WipeBytes(buffer_); }

void FrameParser::Feed(std::span<const std::uint8_t> bytes) {
  // Move what is held to the front first, so the buffer stays about one
  // frame long however many pieces arrive.
  if (start_ > 0) {
    const std::size_t held = BytesHeld();
    std::memmove(buffer_.data(), buffer_.data() + start_, held);
    WipeMemory(buffer_.data() + held, start_);
    buffer_.resize(held);
    start_ = 0;
  }
  buffer_.insert(buffer_.end(), bytes.begin(), bytes.end());
}

void FrameParser::Consume(std::size_t count) {
  WipeMemory(buffer_.data() + start_, count);
  start_ += count;
  if (start_ == buffer_.size()) {
    buffer_.clear();
    start_ = 0;
  }
}

void FrameParser::SkipToPreamble() {
  const auto begin = buffer_.begin() + static_cast<std::ptrdiff_t>(start_);
  const auto found = std::search(begin, buffer_.end(), kPreamble.begin(), kPreamble.end());
  std::size_t skip = static_cast<std::size_t>(found - begin);
  if (found == buffer_.end()) {
    // Keep the longest tail that is a beginning of the preamble: the rest
    // of the preamble may be in the next piece.
    const std::size_t held = BytesHeld();
    std::size_t keep = std::min(held, kPreamble.size() - 1);
    while (keep > 0 && !std::equal(buffer_.end() - static_cast<std::ptrdiff_t>(keep), buffer_.end(),
                                   kPreamble.begin())) {
      --keep;
    }
    skip = held - keep;
  }
  noise_skipped_ += skip;
  Consume(skip);
}

std::optional<ParseEvent> FrameParser::Next() {
  SkipToPreamble();
  if (BytesHeld() < kHeaderSize) return std::nullopt;
  const std::uint8_t* frame = buffer_.data() + start_;
  const std::size_t length = (std::size_t{frame[5]} << 8) | frame[6];
  if (length < kMinLength || length > kMaxLength) {
    // Not a frame: search again from the byte after this preamble's first.
    Consume(1);
    return ParseEvent{ParseEventKind::kBadLength, {}, length};
  }
  if (BytesHeld() < kHeaderSize + length) return std::nullopt;
  const std::span<const std::uint8_t> checked(frame + kPreamble.size(), 2 + length - 1);
  if (Checksum(checked) != frame[kHeaderSize + length - 1]) {
    Consume(1);
    return ParseEvent{ParseEventKind::kBadChecksum, {}, length};
  }
  ParseEvent event{ParseEventKind::kFrame,
                   FrameBody(frame + kHeaderSize, frame + kHeaderSize + length - 1), length};
  Consume(kHeaderSize + length);
  return event;
}

bool FrameParser::HoldsPartialFrame() const {
  // After Next() what is held is a preamble prefix or a frame begun; only a
  // whole preamble says a frame really started.
  return BytesHeld() >= kPreamble.size() &&
         std::equal(kPreamble.begin(), kPreamble.end(),
                    buffer_.begin() + static_cast<std::ptrdiff_t>(start_));
}

void FrameParser::Reset() {
  WipeBytes(buffer_);
  start_ = 0;
}

}  // namespace kiosk::devices::sam
