#pragma once

// Plays the speech on the terminal's speaker through SDL2 audio: samples
// are queued (SDL_QueueAudio) and an interruption clears the queue
// (SDL_ClearQueuedAudio), so a new screen's instruction starts at once.
// Opens the audio subsystem itself (SDL_InitSubSystem is reference
// counted, so this coexists with the UI's SDL_Init; destroy the speech
// before the UI calls SDL_Quit, which closes every subsystem). With
// SDL_AUDIODRIVER=disk and SDL_DISKAUDIOFILE=<path> SDL writes the raw
// samples to a file instead: how the tests run it without a sound card.

#include <string>

#include "drivers/speech/pcm_sink.h"

namespace kiosk::devices {

class SdlAudioSink final : public PcmSink {
 public:
  // `device`: an SDL playback device name; empty for the system default.
  explicit SdlAudioSink(std::string device = {});
  ~SdlAudioSink() override;
  SdlAudioSink(const SdlAudioSink&) = delete;
  SdlAudioSink& operator=(const SdlAudioSink&) = delete;

  // kDeviceNotReady with SDL's reason when there is no audio driver or the
  // device does not open.
  Result<void> Open(int sample_rate) override;
  void Write(std::span<const std::int16_t> samples) override;
  void Interrupt() override;
  std::size_t PendingSamples() override;

 private:
  std::string device_name_;
  bool subsystem_ = false;
  std::uint32_t device_ = 0;  // SDL_AudioDeviceID; 0 when not open.
};

}  // namespace kiosk::devices
