#include "drivers/id_card/sam_frame.h"

#include <fmt/format.h>

namespace kiosk::devices::sam {

std::uint8_t Checksum(std::span<const std::uint8_t> bytes) {
  std::uint8_t sum = 0;
  for (std::uint8_t byte : bytes) sum ^= byte;
  return sum;
}

Result<std::vector<std::uint8_t>> EncodeFrame(std::span<const std::uint8_t> body) {
  const std::size_t length = body.size() + 1;  // The checksum is counted too.
  if (length > kMaxLength) {
    return Fail(ErrorCode::kInvalidArgument,
                fmt::format("a SAM frame body of {} bytes is longer than any reader accepts ({})",
                            body.size(), kMaxLength - 1));
  }
  std::vector<std::uint8_t> frame(kPreamble.begin(), kPreamble.end());
  frame.reserve(kPreamble.size() + 2 + length);
  frame.push_back(static_cast<std::uint8_t>(length >> 8));
  frame.push_back(static_cast<std::uint8_t>(length & 0xFF));
  frame.insert(frame.end(), body.begin(), body.end());
  frame.push_back(Checksum(std::span(frame).subspan(kPreamble.size())));
  return frame;
}

Result<std::vector<std::uint8_t>> EncodeRequest(const Request& request) {
  std::vector<std::uint8_t> body{request.command, request.parameter};
  body.insert(body.end(), request.data.begin(), request.data.end());
  return EncodeFrame(body);
}

Result<std::vector<std::uint8_t>> EncodeAnswer(const Answer& answer) {
  std::vector<std::uint8_t> body{answer.sw1, answer.sw2, answer.sw3};
  body.insert(body.end(), answer.data.begin(), answer.data.end());
  return EncodeFrame(body);
}

Result<Request> DecodeRequest(std::span<const std::uint8_t> body) {
  if (body.size() < 2) {
    return Fail(
        ErrorCode::kInvalidData,
        fmt::format("a SAM request needs CMD and PARA, the frame holds {} byte(s)", body.size()));
  }
  Request request{body[0], body[1], {body.begin() + 2, body.end()}};
  return request;
}

Result<Answer> DecodeAnswer(std::span<const std::uint8_t> body) {
  if (body.size() < 3) {
    return Fail(
        ErrorCode::kInvalidData,
        fmt::format("a SAM answer needs SW1 SW2 SW3, the frame holds {} byte(s)", body.size()));
  }
  Answer answer{body[0], body[1], body[2], {body.begin() + 3, body.end()}};
  return answer;
}

}  // namespace kiosk::devices::sam
