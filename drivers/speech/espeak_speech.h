#pragma once

// SpeechOutput on espeak-ng (Debian 12: 1.51), synthesizing in
// ENOUTPUT_MODE_SYNCHRONOUS and handing PCM chunks to a PcmSink.
//
// Threading: espeak-ng keeps its state in process globals and is not
// thread-safe. Every espeak call is made on the one speech thread this
// object owns; Speak, Stop and the rest only post to it under a mutex and
// may be called from any thread. Consequences:
//   - At most one EspeakSpeech exists at a time in a process; a second
//     Create while the first lives fails with kSequence.
//   - espeak-ng is initialized once per process (by the first Create) and
//     never terminated: 1.51 hangs in espeak_ng_Terminate after a second
//     initialization. A later Create reuses it, on its own thread (calls
//     never overlap: the previous thread has been joined).
//   - The data directory cannot change after the first initialization.

#include <memory>
#include <string>

#include "common/error.h"
#include "drivers/speech/pcm_sink.h"
#include "drivers/speech/speech_output.h"

namespace kiosk::devices {

struct EspeakOptions {
  // The espeak-ng-data directory (the one holding phontab), or a directory
  // containing "espeak-ng-data"; empty for the system's
  // (/usr/lib/x86_64-linux-gnu/espeak-ng-data on Debian).
  std::string data_path;
  // Voice names as `espeak-ng --voices` lists them. Mandarin is
  // "cmn-latn-pinyin", not "cmn": espeak-ng's Mandarin dictionary turns
  // 汉字 into tone-numbered pinyin, which "cmn" (latin as English) then
  // reads as English words ("请" becomes "king three"); the pinyin voice
  // reads it as Mandarin syllables with their tones.
  std::string mandarin_voice = "cmn-latn-pinyin";  // zh-CN
  std::string english_voice = "en-us";             // en-US
  SpeechSettings settings;
  // Length of each PCM chunk handed to the sink, in milliseconds: how late
  // an interruption can take effect in the synthesizer. Set once per
  // process, by the Create that initializes espeak-ng.
  int chunk_ms = 50;
};

class EspeakSpeech final : public SpeechOutput {
 public:
  // Starts the speech thread, initializes espeak-ng on it, checks both
  // voices and opens the sink. Errors: kNotFound for missing voice data or
  // an unknown voice (the detail names the directory or voice), kSequence
  // while another EspeakSpeech lives or for a different data directory
  // than the process's first, kDevice for other espeak-ng failures, and
  // the sink's errors from Open.
  static Result<std::unique_ptr<EspeakSpeech>> Create(std::unique_ptr<PcmSink> sink,
                                                      EspeakOptions options = {});
  ~EspeakSpeech() override;
  EspeakSpeech(const EspeakSpeech&) = delete;
  EspeakSpeech& operator=(const EspeakSpeech&) = delete;

  void Speak(std::string_view text, std::string_view language) override;
  void Stop() override;
  bool Speaking() const override;
  void SetSettings(const SpeechSettings& settings) override;
  SpeechSettings Settings() const override;

  // The phonemes espeak-ng speaks for `text` (its ASCII phoneme names,
  // clause after clause), for maintenance staff and tests: a "(en)" in a
  // Mandarin transcription means the voice fell back to English. Runs on
  // the speech thread between utterances and waits for it; kInvalidArgument
  // for an unknown language, kDevice when the voice cannot be selected.
  Result<std::string> Transcribe(std::string_view text, std::string_view language);

  // espeak-ng's output rate in Hz (22050 with the Debian voices).
  int SampleRate() const;

  class Engine;  // The speech thread and its state (espeak_speech.cc).

 private:
  explicit EspeakSpeech(std::unique_ptr<Engine> engine);
  std::unique_ptr<Engine> engine_;
};

}  // namespace kiosk::devices
