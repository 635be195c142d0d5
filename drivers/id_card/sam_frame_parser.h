#pragma once

// Cuts SAM frames out of a byte stream as it arrives: a serial line or a USB
// pipe delivers a frame in pieces, may put noise before it (a reader that
// powers up, a cable plugged in mid-frame) and may corrupt it. The parser
// skips anything before a preamble, waits for the bytes the length
// announces, and rejects a frame whose length is impossible or whose
// checksum is wrong; after a rejection it searches again from the byte
// after the rejected preamble, so a genuine frame inside the garbage is
// still found.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "drivers/id_card/sam_frame.h"

namespace kiosk::devices::sam {

enum class ParseEventKind {
  kFrame,        // A whole frame with a good checksum: `body` holds it.
  kBadChecksum,  // A whole frame whose checksum does not match.
  kBadLength,    // A preamble followed by a length no frame has.
};

struct ParseEvent {
  ParseEventKind kind = ParseEventKind::kFrame;
  FrameBody body;                   // Only for kFrame.
  std::size_t declared_length = 0;  // The frame's length field.
};

class FrameParser {
 public:
  FrameParser() = default;
  ~FrameParser();
  FrameParser(const FrameParser&) = delete;
  FrameParser& operator=(const FrameParser&) = delete;

  void Feed(std::span<const std::uint8_t> bytes);

  // The next frame or rejection in what was fed so far; nullopt when the
  // bytes held are not enough to decide. Call until nullopt after a Feed.
  std::optional<ParseEvent> Next();

  // Whether the bytes held start a frame that has not arrived in full:
  // an answer that stops here is incomplete, not absent.
  bool HoldsPartialFrame() const;
  std::size_t BytesHeld() const { return buffer_.size() - start_; }
  // Bytes skipped so far because they came before any preamble.
  std::size_t NoiseSkipped() const { return noise_skipped_; }

  // Forgets (and wipes) everything held, e.g. stale bytes before a command.
  void Reset();

 private:
  // Drops `count` bytes from the front of what is held.
  void Consume(std::size_t count);
  // Skips to the first preamble, or keeps only a tail that may begin one.
  void SkipToPreamble();

  std::vector<std::uint8_t> buffer_;
  std::size_t start_ = 0;  // Bytes before start_ are consumed.
  std::size_t noise_skipped_ = 0;
};

}  // namespace kiosk::devices::sam
