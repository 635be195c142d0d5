#pragma once

// Writes the speech to a WAV file (PCM, 16-bit mono) instead of a speaker:
// for `--devices sim` runs and tests. Every utterance is appended as
// written (the file "hears" at once, so Interrupt drops nothing and
// PendingSamples is 0); the header is brought up to date after each chunk,
// so the file is a valid WAV at any moment.

#include <cstdio>
#include <filesystem>

#include "drivers/speech/pcm_sink.h"

namespace kiosk::devices {

class WavFileSink final : public PcmSink {
 public:
  explicit WavFileSink(std::filesystem::path path);
  ~WavFileSink() override;
  WavFileSink(const WavFileSink&) = delete;
  WavFileSink& operator=(const WavFileSink&) = delete;

  // Creates (truncates) the file; kIo when it cannot.
  Result<void> Open(int sample_rate) override;
  void Write(std::span<const std::int16_t> samples) override;
  void Interrupt() override {}

 private:
  void UpdateHeader();

  std::filesystem::path path_;
  std::FILE* file_ = nullptr;
  int sample_rate_ = 0;
  std::uint32_t data_bytes_ = 0;
  bool failed_ = false;
};

}  // namespace kiosk::devices
