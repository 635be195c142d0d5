#include "drivers/speech/sdl_audio_sink.h"

#include <SDL.h>

#include <utility>

#include "common/log.h"

namespace kiosk::devices {

SdlAudioSink::SdlAudioSink(std::string device) : device_name_(std::move(device)) {}

SdlAudioSink::~SdlAudioSink() {
  if (device_ != 0) SDL_CloseAudioDevice(device_);
  if (subsystem_) SDL_QuitSubSystem(SDL_INIT_AUDIO);
}

Result<void> SdlAudioSink::Open(int sample_rate) {
  if (subsystem_) return Fail(ErrorCode::kSequence, "the SDL audio sink is already open");
  if (SDL_InitSubSystem(SDL_INIT_AUDIO) != 0) {
    return Fail(ErrorCode::kDeviceNotReady,
                std::string("SDL audio does not start: ") + SDL_GetError());
  }
  subsystem_ = true;
  SDL_AudioSpec wanted{};
  wanted.freq = sample_rate;
  wanted.format = AUDIO_S16SYS;
  wanted.channels = 1;
  wanted.samples = 1024;      // ~46 ms at 22050 Hz: the device's own latency.
  wanted.callback = nullptr;  // Queued audio (SDL_QueueAudio), no callback.
  SDL_AudioSpec obtained{};
  // No allowed changes: SDL converts to whatever the hardware wants, so the
  // queue always takes espeak's format as is.
  device_ = SDL_OpenAudioDevice(device_name_.empty() ? nullptr : device_name_.c_str(), 0, &wanted,
                                &obtained, 0);
  if (device_ == 0) {
    return Fail(ErrorCode::kDeviceNotReady,
                "cannot open the audio device " +
                    (device_name_.empty() ? std::string("(default)") : device_name_) +
                    " with the " + SDL_GetCurrentAudioDriver() + " driver: " + SDL_GetError());
  }
  SDL_PauseAudioDevice(device_, 0);
  log::Info("speech", "SDL audio: driver {}, device {}, {} Hz mono", SDL_GetCurrentAudioDriver(),
            device_name_.empty() ? "(default)" : device_name_, sample_rate);
  return {};
}

void SdlAudioSink::Write(std::span<const std::int16_t> samples) {
  if (device_ == 0 || samples.empty()) return;
  if (SDL_QueueAudio(device_, samples.data(),
                     static_cast<Uint32>(samples.size() * sizeof(std::int16_t))) != 0) {
    log::Error("speech", "SDL_QueueAudio failed: {}", SDL_GetError());
  }
}

void SdlAudioSink::Interrupt() {
  if (device_ != 0) SDL_ClearQueuedAudio(device_);
}

std::size_t SdlAudioSink::PendingSamples() {
  if (device_ == 0) return 0;
  return SDL_GetQueuedAudioSize(device_) / sizeof(std::int16_t);
}

}  // namespace kiosk::devices
