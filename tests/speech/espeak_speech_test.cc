#include "drivers/speech/espeak_speech.h"

#include <algorithm>
#include <catch2/catch.hpp>
#include <chrono>
#include <thread>

#include "tests/speech/speech_test_support.h"
#include "tests/support/fakes/fake_pcm_sink.h"
#include "tests/support/temp_dir.h"

using kiosk::ErrorCode;
using kiosk::devices::EspeakOptions;
using kiosk::devices::EspeakSpeech;
using kiosk::devices::SpeechSettings;
using kiosk::testing::FakePcmSink;
using kiosk::testing::Rms;
using kiosk::testing::WaitUntil;
using namespace std::chrono_literals;

namespace {

constexpr const char* kInsertCard = "请插入社保卡";
constexpr const char* kLongInstruction =
    "请将社保卡芯片朝上插入读卡器，然后按照屏幕上的提示输入六位数字密码，输入完毕后请按确认键。";
constexpr const char* kTakeCard = "请取走您的卡片";

// A speech over a fake sink; `sink` stays valid while `speech` lives.
struct Fixture {
  FakePcmSink* sink = nullptr;
  std::unique_ptr<EspeakSpeech> speech;

  explicit Fixture(EspeakOptions options = {}) {
    auto owned = std::make_unique<FakePcmSink>();
    sink = owned.get();
    auto created = EspeakSpeech::Create(std::move(owned), std::move(options));
    if (!created) FAIL(created.error().Describe());
    speech = std::move(*created);
  }

  // Speaks and waits until the utterance is over; returns its samples.
  std::vector<std::int16_t> SpeakAndWait(const char* text, const char* language) {
    const std::size_t before = sink->Utterances().size();
    // Speaking() turns true in Speak itself, and false only once the
    // speech thread is done with it (which may already be the case here).
    speech->Speak(text, language);
    REQUIRE(WaitUntil([&] { return !speech->Speaking(); }));
    const auto utterances = sink->Utterances();
    REQUIRE(utterances.size() == before + 1);
    CHECK(utterances.back().ended);
    return utterances.back().samples;
  }
};

double Seconds(const std::vector<std::int16_t>& samples, int rate) {
  return static_cast<double>(samples.size()) / rate;
}

}  // namespace

TEST_CASE("A Mandarin instruction is read as audible speech") {
  Fixture f;
  REQUIRE(f.speech->SampleRate() == 22050);
  REQUIRE(f.sink->SampleRate() == 22050);
  const auto samples = f.SpeakAndWait(kInsertCard, "zh-CN");
  // Six syllables: about two seconds. Read as English ("king three, cha
  // one…", the "cmn" voice) or spelled out, it would take far longer.
  const double seconds = Seconds(samples, 22050);
  CHECK(seconds > 0.8);
  CHECK(seconds < 3.0);
  CHECK(Rms(samples) > 1000);
}

TEST_CASE("The Mandarin voice reads 汉字 as Mandarin syllables, not as English") {
  {
    Fixture f;
    const auto phonemes = f.speech->Transcribe(kInsertCard, "zh-CN");
    REQUIRE(phonemes);
    INFO(*phonemes);
    CHECK_THAT(*phonemes, !Catch::Contains("(en)"));
    // 请 qǐng, 插 chā, 入 rù…: the tones as espeak-ng's pitch contours.
    CHECK_THAT(*phonemes,
               Catch::Contains("h'i214N") && Catch::Contains("A55") && Catch::Contains("u51"));
    const auto english = f.speech->Transcribe("Please insert your card", "en-US");
    REQUIRE(english);
    CHECK_THAT(*english, Catch::StartsWith("pl'i:z"));
    CHECK_FALSE(f.speech->Transcribe("はい", "ja-JP"));
  }
  // Why the default is not "cmn": it reads the dictionary's pinyin as
  // English words.
  EspeakOptions options;
  options.mandarin_voice = "cmn";
  Fixture cmn(options);
  const auto phonemes = cmn.speech->Transcribe(kInsertCard, "zh-CN");
  REQUIRE(phonemes);
  CHECK_THAT(*phonemes, Catch::Contains("(en)"));
}

TEST_CASE("An English instruction is read with the English voice") {
  Fixture f;
  const auto samples = f.SpeakAndWait("Please insert your card", "en-US");
  const double seconds = Seconds(samples, 22050);
  CHECK(seconds > 0.5);
  CHECK(seconds < 4.0);
  CHECK(Rms(samples) > 1000);
}

TEST_CASE("A second Speak cuts the first one off and is read in full") {
  Fixture f;
  const auto full = f.SpeakAndWait(kLongInstruction, "zh-CN");
  REQUIRE(Seconds(full, 22050) > 4.0);

  f.sink->HoldAfter(22050 / 4);  // A quarter of a second into it.
  f.speech->Speak(kLongInstruction, "zh-CN");
  REQUIRE(f.sink->WaitUntilHeld(5s));
  f.speech->Speak(kTakeCard, "zh-CN");  // A screen change.
  f.sink->Release();
  REQUIRE(WaitUntil([&] { return !f.speech->Speaking(); }));

  const auto utterances = f.sink->Utterances();
  REQUIRE(utterances.size() == 3);
  const auto& cut = utterances[1];
  CHECK_FALSE(cut.ended);
  CHECK(cut.interrupted);
  // Cut at the chunk after the hold: well short of the whole text.
  CHECK(cut.samples.size() < full.size() / 4);
  CHECK(utterances[2].ended);
  CHECK(Seconds(utterances[2].samples, 22050) > 0.8);

  using Call = FakePcmSink::Call;
  const auto calls = f.sink->Calls();
  REQUIRE(calls.size() >= 7);
  const std::vector<Call> tail(calls.end() - 7, calls.end());
  CHECK(tail == std::vector<Call>{Call::kEnd, Call::kBegin, Call::kWrite, Call::kInterrupt,
                                  Call::kBegin, Call::kWrite, Call::kEnd});
}

TEST_CASE("Stop silences the current utterance") {
  Fixture f;
  f.sink->HoldAfter(22050 / 4);
  f.speech->Speak(kLongInstruction, "zh-CN");
  REQUIRE(f.sink->WaitUntilHeld(5s));
  f.speech->Stop();
  f.sink->Release();
  REQUIRE(WaitUntil([&] { return !f.speech->Speaking(); }));
  auto utterances = f.sink->Utterances();
  REQUIRE(utterances.size() == 1);
  CHECK(utterances[0].interrupted);
  CHECK_FALSE(utterances[0].ended);
  const std::size_t samples = utterances[0].samples.size();
  CHECK(samples < 22050);
  std::this_thread::sleep_for(200ms);  // Nothing more comes.
  CHECK(f.sink->Utterances()[0].samples.size() == samples);
  CHECK(f.sink->Calls().back() == FakePcmSink::Call::kInterrupt);

  f.speech->Stop();  // Stopping silence is harmless.
  CHECK(WaitUntil([&] { return !f.speech->Speaking(); }));
  // And the speech speaks again afterwards.
  CHECK(Rms(f.SpeakAndWait(kTakeCard, "zh-CN")) > 1000);
}

TEST_CASE("Disabled speech says nothing, and disabling silences it") {
  EspeakOptions options;
  options.settings.enabled = false;
  Fixture f(options);
  f.speech->Speak(kInsertCard, "zh-CN");
  CHECK_FALSE(f.speech->Speaking());
  std::this_thread::sleep_for(200ms);
  CHECK(f.sink->Utterances().empty());

  f.speech->SetSettings(SpeechSettings{});
  CHECK(f.speech->Settings().enabled);
  f.sink->HoldAfter(22050 / 4);
  f.speech->Speak(kLongInstruction, "zh-CN");
  REQUIRE(f.sink->WaitUntilHeld(5s));
  SpeechSettings off;
  off.enabled = false;
  f.speech->SetSettings(off);
  f.sink->Release();
  REQUIRE(WaitUntil([&] { return !f.speech->Speaking(); }));
  REQUIRE(f.sink->Utterances().size() == 1);
  CHECK(f.sink->Utterances()[0].interrupted);
}

TEST_CASE("Rate and volume settings change the speech") {
  Fixture f;
  SpeechSettings slow;
  slow.rate_wpm = 100;
  f.speech->SetSettings(slow);
  const auto slow_samples = f.SpeakAndWait("Please insert your card", "en-US");
  SpeechSettings fast_quiet;
  fast_quiet.rate_wpm = 300;
  fast_quiet.volume = 30;
  f.speech->SetSettings(fast_quiet);
  const auto fast_samples = f.SpeakAndWait("Please insert your card", "en-US");
  CHECK(fast_samples.size() < slow_samples.size() * 3 / 4);
  CHECK(Rms(fast_samples) < Rms(slow_samples) * 0.6);
  CHECK(Rms(fast_samples) > 100);
}

TEST_CASE("Switching languages switches voices") {
  Fixture f;
  const auto english = f.SpeakAndWait("Please insert your card", "en-US");
  const auto mandarin = f.SpeakAndWait(kInsertCard, "zh-CN");
  const auto english_again = f.SpeakAndWait("Please insert your card", "en-US");
  CHECK(Rms(mandarin) > 1000);
  // Back to the English voice: about as long as the first time (the
  // Mandarin voice would spell the Latin letters out, far longer).
  const double ratio = static_cast<double>(english_again.size()) / english.size();
  CHECK(ratio > 0.9);
  CHECK(ratio < 1.1);
}

TEST_CASE("A language without a voice is logged and not spoken") {
  Fixture f;
  f.speech->Speak("はい", "ja-JP");
  CHECK_FALSE(f.speech->Speaking());
  std::this_thread::sleep_for(100ms);
  CHECK(f.sink->Utterances().empty());

  // It still ends the previous screen's instruction.
  f.sink->HoldAfter(22050 / 4);
  f.speech->Speak(kLongInstruction, "zh-CN");
  REQUIRE(f.sink->WaitUntilHeld(5s));
  f.speech->Speak("はい", "ja-JP");
  f.sink->Release();
  REQUIRE(WaitUntil([&] { return !f.speech->Speaking(); }));
  REQUIRE(f.sink->Utterances().size() == 1);
  CHECK(f.sink->Utterances()[0].interrupted);
}

TEST_CASE("An unknown voice name fails Create with the voice named") {
  EspeakOptions options;
  options.mandarin_voice = "no-such-voice";
  auto created = EspeakSpeech::Create(std::make_unique<FakePcmSink>(), options);
  REQUIRE_FALSE(created);
  CHECK(created.error().code == ErrorCode::kNotFound);
  CHECK_THAT(created.error().detail, Catch::Contains("no voice \"no-such-voice\"") &&
                                         Catch::Contains("zh-CN") &&
                                         Catch::Contains("espeak-ng-data"));

  options = {};
  options.english_voice = "xx-unknown";
  created = EspeakSpeech::Create(std::make_unique<FakePcmSink>(), options);
  REQUIRE_FALSE(created);
  CHECK_THAT(created.error().detail, Catch::Contains("xx-unknown") && Catch::Contains("en-US"));
}

TEST_CASE("A directory without voice data fails Create with the directory named") {
  kiosk::testing::TempDir empty("speech-data");
  EspeakOptions options;
  options.data_path = empty.Path().string();
  auto created = EspeakSpeech::Create(std::make_unique<FakePcmSink>(), options);
  REQUIRE_FALSE(created);
  CHECK(created.error().code == ErrorCode::kNotFound);
  CHECK_THAT(created.error().detail,
             Catch::Contains("no espeak-ng voice data in " + empty.Path().string()));

  options.data_path = (empty.Path() / "missing").string();
  created = EspeakSpeech::Create(std::make_unique<FakePcmSink>(), options);
  REQUIRE_FALSE(created);
  CHECK(created.error().code == ErrorCode::kNotFound);
}

TEST_CASE("One EspeakSpeech at a time: espeak-ng is process-global") {
  {
    Fixture first;
    auto second = EspeakSpeech::Create(std::make_unique<FakePcmSink>());
    REQUIRE_FALSE(second);
    CHECK(second.error().code == ErrorCode::kSequence);
    CHECK(Rms(first.SpeakAndWait(kInsertCard, "zh-CN")) > 1000);
  }
  Fixture again;  // Once the first is gone.
  CHECK(Rms(again.SpeakAndWait("Please insert your card", "en-US")) > 1000);
}

TEST_CASE("Destroying the speech mid-utterance ends it cleanly") {
  Fixture f;
  f.speech->Speak(kLongInstruction, "zh-CN");
  REQUIRE(WaitUntil([&] { return !f.sink->Utterances().empty(); }));
  f.speech.reset();
}
