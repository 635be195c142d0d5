#pragma once

// Voice guidance (语音播报): the kiosk reads each screen's instruction
// aloud, in Mandarin for Chinese and in English. The UI calls Speak on a
// screen change and never waits for it. Backend: espeak-ng
// (espeak_speech.h) writing PCM to a sink (pcm_sink.h): SDL2 audio on the
// terminal, a WAV file for `--devices sim` runs and tests. A fake for UI
// tests is tests/support/fakes/fake_speech_output.h.

#include <string>
#include <string_view>

namespace kiosk::devices {

struct SpeechSettings {
  // When false, Speak does nothing and turning it off silences the speaker.
  bool enabled = true;
  // Speaking rate in words per minute; espeak-ng accepts 80 to 450 and
  // values outside are clamped.
  int rate_wpm = 150;
  // Loudness in percent of the synthesizer's normal level, 0 to 100.
  int volume = 100;
};

// The languages the UI speaks, as the BCP 47 tags of its text table.
inline constexpr std::string_view kMandarinTag = "zh-CN";
inline constexpr std::string_view kEnglishTag = "en-US";

class SpeechOutput {
 public:
  virtual ~SpeechOutput();

  // Starts reading `text` (UTF-8) in `language` ("zh-CN" or "en-US") and
  // returns at once. Whatever was being said is cut off: the new screen's
  // instruction replaces the last one's. Does nothing while disabled. An
  // unknown language is logged and only stops the previous utterance; a
  // synthesis failure is logged. Nothing is ever thrown.
  virtual void Speak(std::string_view text, std::string_view language) = 0;

  // Silences the current utterance, including audio already queued for the
  // speaker. Returns at once; Speaking() turns false shortly after.
  virtual void Stop() = 0;

  // True from Speak until the last sample has been played, or until Stop.
  virtual bool Speaking() const = 0;

  // Applies from the next Speak on; disabling also stops the current one.
  virtual void SetSettings(const SpeechSettings& settings) = 0;
  virtual SpeechSettings Settings() const = 0;
};

enum class SpeechLanguage { kMandarin, kEnglish, kUnknown };

// "zh-CN", "zh", "zh-Hans…" → kMandarin; "en-US", "en", "en-…" → kEnglish.
SpeechLanguage ParseSpeechLanguage(std::string_view tag);

}  // namespace kiosk::devices
