#pragma once

// Records what the UI asks to have read aloud; says nothing.

#include <mutex>
#include <string>
#include <vector>

#include "drivers/speech/speech_output.h"

namespace kiosk::testing {

class FakeSpeechOutput final : public devices::SpeechOutput {
 public:
  struct Spoken {
    std::string text;
    std::string language;
  };

  void Speak(std::string_view text, std::string_view language) override {
    std::lock_guard lock(mutex_);
    if (!settings_.enabled) return;
    spoken_.push_back({std::string(text), std::string(language)});
    speaking_ = true;
  }
  void Stop() override {
    std::lock_guard lock(mutex_);
    ++stops_;
    speaking_ = false;
  }
  bool Speaking() const override {
    std::lock_guard lock(mutex_);
    return speaking_;
  }
  void SetSettings(const devices::SpeechSettings& settings) override {
    std::lock_guard lock(mutex_);
    settings_ = settings;
    if (!settings.enabled) speaking_ = false;
  }
  devices::SpeechSettings Settings() const override {
    std::lock_guard lock(mutex_);
    return settings_;
  }

  // The utterance "ends" as if played out.
  void Finish() {
    std::lock_guard lock(mutex_);
    speaking_ = false;
  }
  std::vector<Spoken> SpokenTexts() const {
    std::lock_guard lock(mutex_);
    return spoken_;
  }
  int Stops() const {
    std::lock_guard lock(mutex_);
    return stops_;
  }

 private:
  mutable std::mutex mutex_;
  devices::SpeechSettings settings_;
  std::vector<Spoken> spoken_;
  bool speaking_ = false;
  int stops_ = 0;
};

}  // namespace kiosk::testing
