#include "drivers/speech/wav_file_sink.h"

#include <array>
#include <bit>
#include <cerrno>
#include <cstring>
#include <utility>

#include "common/log.h"

namespace kiosk::devices {

namespace {

constexpr std::size_t kHeaderBytes = 44;

void PutLe16(std::uint8_t* out, std::uint16_t value) {
  out[0] = static_cast<std::uint8_t>(value & 0xff);
  out[1] = static_cast<std::uint8_t>(value >> 8);
}

void PutLe32(std::uint8_t* out, std::uint32_t value) {
  for (int i = 0; i < 4; ++i) out[i] = static_cast<std::uint8_t>((value >> (8 * i)) & 0xff);
}

// The canonical 44-byte header of a PCM WAV file: RIFF, "fmt " and "data".
std::array<std::uint8_t, kHeaderBytes> Header(int sample_rate, std::uint32_t data_bytes) {
  std::array<std::uint8_t, kHeaderBytes> h{};
  const auto rate = static_cast<std::uint32_t>(sample_rate);
  std::memcpy(h.data(), "RIFF", 4);
  PutLe32(h.data() + 4, 36 + data_bytes);
  std::memcpy(h.data() + 8, "WAVEfmt ", 8);
  PutLe32(h.data() + 16, 16);        // fmt chunk size
  PutLe16(h.data() + 20, 1);         // PCM
  PutLe16(h.data() + 22, 1);         // mono
  PutLe32(h.data() + 24, rate);      // samples per second
  PutLe32(h.data() + 28, rate * 2);  // bytes per second
  PutLe16(h.data() + 32, 2);         // bytes per frame
  PutLe16(h.data() + 34, 16);        // bits per sample
  std::memcpy(h.data() + 36, "data", 4);
  PutLe32(h.data() + 40, data_bytes);
  return h;
}

}  // namespace

WavFileSink::WavFileSink(std::filesystem::path path) : path_(std::move(path)) {}

WavFileSink::~WavFileSink() {
  if (file_ != nullptr) std::fclose(file_);
}

Result<void> WavFileSink::Open(int sample_rate) {
  if (file_ != nullptr)
    return Fail(ErrorCode::kSequence, "WAV sink " + path_.string() + " is already open");
  file_ = std::fopen(path_.c_str(), "wb");
  if (file_ == nullptr) {
    return Fail(ErrorCode::kIo, "cannot create the speech WAV file " + path_.string() + ": " +
                                    std::strerror(errno));
  }
  sample_rate_ = sample_rate;
  data_bytes_ = 0;
  const auto header = Header(sample_rate_, 0);
  if (std::fwrite(header.data(), 1, header.size(), file_) != header.size() ||
      std::fflush(file_) != 0) {
    return Fail(ErrorCode::kIo,
                "cannot write the speech WAV file " + path_.string() + ": " + std::strerror(errno));
  }
  return {};
}

void WavFileSink::Write(std::span<const std::int16_t> samples) {
  if (file_ == nullptr || failed_ || samples.empty()) return;
  // WAV is little-endian, as is every machine the kiosk runs on.
  static_assert(std::endian::native == std::endian::little);
  if (std::fwrite(samples.data(), sizeof(std::int16_t), samples.size(), file_) != samples.size()) {
    failed_ = true;
    log::Error("speech", "writing {} failed: {}; no more speech goes to it", path_.string(),
               std::strerror(errno));
    return;
  }
  data_bytes_ += static_cast<std::uint32_t>(samples.size() * sizeof(std::int16_t));
  UpdateHeader();
}

void WavFileSink::UpdateHeader() {
  const auto header = Header(sample_rate_, data_bytes_);
  if (std::fseek(file_, 0, SEEK_SET) != 0 ||
      std::fwrite(header.data(), 1, header.size(), file_) != header.size() ||
      std::fseek(file_, 0, SEEK_END) != 0 || std::fflush(file_) != 0) {
    failed_ = true;
    log::Error("speech", "updating the header of {} failed: {}", path_.string(),
               std::strerror(errno));
  }
}

}  // namespace kiosk::devices
