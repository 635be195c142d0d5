#pragma once

// Errors as values at every boundary (devices, storage, network, config).
// A failure carries a stable machine-readable code for the log and the
// tests, and a precise English detail for maintenance staff; what the
// citizen reads comes from the UI text table keyed by the code.

#include <expected>
#include <string>
#include <utility>

namespace kiosk {

enum class ErrorCode {
  kInvalidArgument,
  kInvalidData,  // Bytes or documents that do not parse or validate.
  kNotFound,
  kIo,       // File system or database failure.
  kNetwork,  // Could not reach a peer, or the transfer broke.
  kTimeout,
  kServerRejected,     // The peer answered with a permanent refusal.
  kServerUnavailable,  // The peer answered with a temporary refusal (5xx, 429).
  kDevice,             // A device reported a hardware or media fault.
  kDeviceNotReady,
  kCanceled,
  kSequence,  // A command that is not allowed in the current state.
  kCapacity,  // A store or queue is full; nothing was dropped to make room.
  kInternal,
};

const char* ToString(ErrorCode code);

struct Error {
  ErrorCode code = ErrorCode::kInternal;
  std::string detail;
  // A stable code from the peer that refused, e.g. a central service's
  // "citizen_not_found", so the UI can tell the citizen what to do next.
  std::string reason;

  Error() = default;
  Error(ErrorCode error_code, std::string text) : code(error_code), detail(std::move(text)) {}
  Error(ErrorCode error_code, std::string text, std::string peer_reason)
      : code(error_code), detail(std::move(text)), reason(std::move(peer_reason)) {}

  // "invalid_data: EF06 record 09 is 31 bytes, at most 30 allowed".
  std::string Describe() const;
};

template <typename T>
using Result = std::expected<T, Error>;

// Shorthand for returning a failure: `return Fail(ErrorCode::kIo, "...")`.
inline std::unexpected<Error> Fail(ErrorCode code, std::string detail) {
  return std::unexpected<Error>(Error(code, std::move(detail)));
}

}  // namespace kiosk
