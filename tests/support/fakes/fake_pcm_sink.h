#pragma once

// Collects what a speech backend writes, utterance by utterance, in the
// order of the calls. Can hold the speech thread inside Write once an
// utterance reaches a number of samples, so a test can interrupt it at a
// known point (the synthesizer is much faster than real time otherwise).

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <string>
#include <vector>

#include "drivers/speech/pcm_sink.h"

namespace kiosk::testing {

class FakePcmSink final : public devices::PcmSink {
 public:
  enum class Call { kOpen, kBegin, kWrite, kEnd, kInterrupt };

  struct Utterance {
    std::vector<std::int16_t> samples;
    bool ended = false;        // End came: read to its end.
    bool interrupted = false;  // Interrupt came while it was the current one.
  };

  Result<void> Open(int sample_rate) override {
    std::lock_guard lock(mutex_);
    calls_.push_back(Call::kOpen);
    sample_rate_ = sample_rate;
    return {};
  }
  void Begin() override {
    std::lock_guard lock(mutex_);
    calls_.push_back(Call::kBegin);
    utterances_.emplace_back();
    changed_.notify_all();
  }
  void Write(std::span<const std::int16_t> samples) override {
    std::unique_lock lock(mutex_);
    if (calls_.empty() || calls_.back() != Call::kWrite) calls_.push_back(Call::kWrite);
    if (utterances_.empty()) utterances_.emplace_back();
    auto& current = utterances_.back().samples;
    current.insert(current.end(), samples.begin(), samples.end());
    if (hold_after_ > 0 && current.size() >= hold_after_) {
      held_ = true;
      changed_.notify_all();
      changed_.wait(lock, [this] { return hold_after_ == 0; });
      held_ = false;
    }
    changed_.notify_all();
  }
  void End() override {
    std::lock_guard lock(mutex_);
    calls_.push_back(Call::kEnd);
    if (!utterances_.empty()) utterances_.back().ended = true;
    changed_.notify_all();
  }
  void Interrupt() override {
    std::lock_guard lock(mutex_);
    calls_.push_back(Call::kInterrupt);
    if (!utterances_.empty() && !utterances_.back().ended) utterances_.back().interrupted = true;
    changed_.notify_all();
  }

  // Write blocks once the current utterance has `samples` samples, until
  // Release.
  void HoldAfter(std::size_t samples) {
    std::lock_guard lock(mutex_);
    hold_after_ = samples;
  }
  void Release() {
    std::lock_guard lock(mutex_);
    hold_after_ = 0;
    changed_.notify_all();
  }
  // Waits until the speech thread is held in Write; false after `timeout`.
  bool WaitUntilHeld(std::chrono::milliseconds timeout) {
    std::unique_lock lock(mutex_);
    return changed_.wait_for(lock, timeout, [this] { return held_; });
  }

  int SampleRate() const {
    std::lock_guard lock(mutex_);
    return sample_rate_;
  }
  std::vector<Utterance> Utterances() const {
    std::lock_guard lock(mutex_);
    return utterances_;
  }
  std::vector<Call> Calls() const {
    std::lock_guard lock(mutex_);
    return calls_;
  }

 private:
  mutable std::mutex mutex_;
  std::condition_variable changed_;
  int sample_rate_ = 0;
  std::vector<Utterance> utterances_;
  std::vector<Call> calls_;  // Consecutive writes recorded once.
  std::size_t hold_after_ = 0;
  bool held_ = false;
};

}  // namespace kiosk::testing
