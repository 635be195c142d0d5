#pragma once

// Frames of the SAM protocol spoken by resident ID card readers
// (shared/docs/DEVICES.md): the preamble AA AA AA 96 69, a 2-byte
// big-endian length counting everything after it, the body, and a checksum
// that XORs every byte after the preamble (length included) up to itself.
// A request's body is CMD PARA [data]; an answer's is SW1 SW2 SW3 [data].

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "common/error.h"

namespace kiosk::devices::sam {

inline constexpr std::array<std::uint8_t, 5> kPreamble = {0xAA, 0xAA, 0xAA, 0x96, 0x69};

// The length field of the shortest frame (a request: CMD PARA CHK) and of
// the longest any reader sends: 30 01 answers 1288 bytes, readers with a
// fingerprint module answer 30 10 with 2321; nothing documented is longer,
// so a larger length is line noise, not a frame to wait for.
inline constexpr std::size_t kMinLength = 3;
inline constexpr std::size_t kMaxLength = 2400;

// The body of one frame: what lies between the length and the checksum.
using FrameBody = std::vector<std::uint8_t>;

struct Request {
  std::uint8_t command = 0;
  std::uint8_t parameter = 0;
  std::vector<std::uint8_t> data;
};

struct Answer {
  std::uint8_t sw1 = 0;
  std::uint8_t sw2 = 0;
  std::uint8_t sw3 = 0;
  std::vector<std::uint8_t> data;
};

// The XOR of `bytes` (the length field and the body of a frame).
std::uint8_t Checksum(std::span<const std::uint8_t> bytes);

// A whole frame around `body`; kInvalidArgument if the body is too long to
// frame (see kMaxLength).
Result<std::vector<std::uint8_t>> EncodeFrame(std::span<const std::uint8_t> body);
Result<std::vector<std::uint8_t>> EncodeRequest(const Request& request);
Result<std::vector<std::uint8_t>> EncodeAnswer(const Answer& answer);

// A frame body read back as a request (at least CMD PARA) or an answer (at
// least SW1 SW2 SW3); kInvalidData when it is shorter.
Result<Request> DecodeRequest(std::span<const std::uint8_t> body);
Result<Answer> DecodeAnswer(std::span<const std::uint8_t> body);

}  // namespace kiosk::devices::sam
