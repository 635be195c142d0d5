#pragma once

// Where synthesized speech goes: 16-bit signed mono PCM at the
// synthesizer's sample rate. EspeakSpeech calls every method from its one
// speech thread, in this order per utterance: Begin, Write…, then End when
// the text was read to its end or Interrupt when it was cut off (Interrupt
// may also come alone, to silence what is still queued). A sink therefore
// needs no locking of its own for these calls.
//
// Sinks: SdlAudioSink (sdl_audio_sink.h, the terminal's speaker),
// WavFileSink (wav_file_sink.h, `--devices sim` and tests), and the
// collecting fake in tests/support/fakes/fake_pcm_sink.h.

#include <cstddef>
#include <cstdint>
#include <span>

#include "common/error.h"

namespace kiosk::devices {

class PcmSink {
 public:
  virtual ~PcmSink();

  // Prepares output at `sample_rate` Hz; called once, before anything else.
  // A failure (no audio device, unwritable file) fails the speech's Create.
  virtual Result<void> Open(int sample_rate) = 0;

  virtual void Begin() {}

  // Samples in order; must return promptly (the synthesizer checks for an
  // interruption between chunks). Failures are logged by the sink.
  virtual void Write(std::span<const std::int16_t> samples) = 0;

  // The utterance was synthesized to its end; what was written plays out.
  virtual void End() {}

  // Drops everything written and not yet heard.
  virtual void Interrupt() = 0;

  // Samples written and not yet heard; 0 for sinks that do not play in
  // real time. The speech counts as Speaking() until this reaches 0.
  virtual std::size_t PendingSamples() { return 0; }
};

}  // namespace kiosk::devices
