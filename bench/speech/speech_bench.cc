// speech_bench [RUNS]: how soon the citizen hears a screen's instruction.
// (1) Speak → first PCM chunk at the sink, the speaker idle: espeak-ng's
// start-up per utterance (text analysis, first 50 ms chunk). (2) The same
// while a long instruction is being synthesized: the cut-off is included.
// The audio itself starts with a little silence, heard as delay too.
// (3) Speak → the last chunk: the whole synthesis, against the audio's
// length (real-time factor). A speaker adds its own buffer (SDL: 1024
// samples, ~46 ms) to (1) and (2).

#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <mutex>
#include <string>
#include <vector>

#include "bench/bench_support.h"
#include "drivers/speech/espeak_speech.h"

namespace {

using Clock = std::chrono::steady_clock;

constexpr const char* kInsertCard = "请插入社保卡";
constexpr const char* kLongInstruction =
    "请将社保卡芯片朝上插入读卡器，然后按照屏幕上的提示输入六位数字密码，输入完毕后请按确认键。";

// Notes when each utterance's first samples and its end arrive.
constexpr std::int16_t kAudible = 300;  // ~1% of full scale.

class TimingSink final : public kiosk::devices::PcmSink {
 public:
  kiosk::Result<void> Open(int /*sample_rate*/) override { return {}; }
  void Begin() override {
    std::lock_guard lock(mutex_);
    ++begun_;
    first_ = false;
    samples_ = 0;
    first_audible_ = -1;
  }
  void Write(std::span<const std::int16_t> samples) override {
    std::lock_guard lock(mutex_);
    if (!first_ && !samples.empty()) {
      first_ = true;
      first_at_ = Clock::now();
      changed_.notify_all();
    }
    for (std::size_t i = 0; i < samples.size() && first_audible_ < 0; ++i) {
      if (samples[i] > kAudible || samples[i] < -kAudible) {
        first_audible_ = static_cast<long>(samples_ + i);
      }
    }
    samples_ += samples.size();
  }
  void End() override {
    std::lock_guard lock(mutex_);
    ++ended_;
    changed_.notify_all();
  }
  void Interrupt() override {}

  // Where the last utterance's first audible sample is; -1 for none.
  long FirstAudible() {
    std::lock_guard lock(mutex_);
    return first_audible_;
  }

  // Waits for the first samples of utterance number `begun`.
  Clock::time_point WaitFirst(int begun) {
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [&] { return begun_ == begun && first_; });
    return first_at_;
  }
  // Waits for the end of `ended` utterances; returns the last's samples.
  std::size_t WaitEnded(int ended) {
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [&] { return ended_ == ended; });
    return samples_;
  }

 private:
  std::mutex mutex_;
  std::condition_variable changed_;
  int begun_ = 0;
  int ended_ = 0;
  bool first_ = false;
  Clock::time_point first_at_;
  std::size_t samples_ = 0;
  long first_audible_ = -1;
};

double MsBetween(Clock::time_point from, Clock::time_point to) {
  return std::chrono::duration<double, std::milli>(to - from).count();
}

}  // namespace

int main(int argc, char** argv) {
  using kiosk::bench::Must;
  using kiosk::bench::Report;
  const int runs = argc > 1 ? std::stoi(argv[1]) : 50;
  auto owned = std::make_unique<TimingSink>();
  TimingSink* sink = owned.get();
  auto speech = Must(kiosk::devices::EspeakSpeech::Create(std::move(owned)));
  const double rate = speech->SampleRate();

  int begun = 0;
  int ended = 0;
  std::vector<double> idle_ms;
  std::vector<double> cut_ms;
  std::vector<double> whole_ms;
  double audio_seconds = 0;
  double leading_ms = 0;
  for (int i = 0; i < runs; ++i) {
    // (1) and (3): the speaker idle.
    auto start = Clock::now();
    speech->Speak(kInsertCard, "zh-CN");
    idle_ms.push_back(MsBetween(start, sink->WaitFirst(++begun)));
    const std::size_t samples = sink->WaitEnded(++ended);
    whole_ms.push_back(MsBetween(start, Clock::now()));
    audio_seconds = static_cast<double>(samples) / rate;
    leading_ms = static_cast<double>(sink->FirstAudible()) / rate * 1000;

    // (2): a long instruction cut off by the next screen's.
    speech->Speak(kLongInstruction, "zh-CN");
    sink->WaitFirst(++begun);
    start = Clock::now();
    speech->Speak(kInsertCard, "zh-CN");
    cut_ms.push_back(MsBetween(start, sink->WaitFirst(++begun)));
    sink->WaitEnded(++ended);
  }
  std::printf("\"%s\": %.2f s of audio at %.0f Hz, first audible sample at %.1f ms\n", kInsertCard,
              audio_seconds, rate, leading_ms);
  Report("speak -> first chunk, speaker idle", idle_ms);
  Report("speak -> first chunk, cutting one off", cut_ms);
  Report("speak -> whole utterance synthesized", whole_ms);
  std::printf("real-time factor (p50 synthesis / audio): %.3f\n",
              kiosk::bench::Percentile(whole_ms, 0.5) / 1000.0 / audio_seconds);
  return 0;
}
