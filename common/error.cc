#include "common/error.h"

namespace kiosk {

const char* ToString(ErrorCode code) {
  switch (code) {
    case ErrorCode::kInvalidArgument: return "invalid_argument";
    case ErrorCode::kInvalidData: return "invalid_data";
    case ErrorCode::kNotFound: return "not_found";
    case ErrorCode::kIo: return "io";
    case ErrorCode::kNetwork: return "network";
    case ErrorCode::kTimeout: return "timeout";
    case ErrorCode::kServerRejected: return "server_rejected";
    case ErrorCode::kServerUnavailable: return "server_unavailable";
    case ErrorCode::kDevice: return "device";
    case ErrorCode::kDeviceNotReady: return "device_not_ready";
    case ErrorCode::kCanceled: return "canceled";
    case ErrorCode::kSequence: return "sequence";
    case ErrorCode::kCapacity: return "capacity";
    case ErrorCode::kInternal: return "internal";
  }
  return "internal";
}

std::string Error::Describe() const { return std::string(ToString(code)) + ": " + detail; }

}  // namespace kiosk
