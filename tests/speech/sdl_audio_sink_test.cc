#include "drivers/speech/sdl_audio_sink.h"

#include <stdlib.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <cstring>
#include <fstream>
#include <iterator>
#include <thread>
#include <vector>

#include "drivers/speech/espeak_speech.h"
#include "tests/speech/speech_test_support.h"
#include "tests/support/temp_dir.h"

// There is no sound card in CI: SDL's "disk" audio driver plays into a
// file of raw samples instead, in real time (the queue drains at the
// device's rate) and writing silence while the queue is empty. So the
// sink runs through SDL's real queue, device thread and format handling.

using kiosk::devices::EspeakSpeech;
using kiosk::devices::SdlAudioSink;
using kiosk::testing::Rms;
using kiosk::testing::WaitUntil;
using namespace std::chrono_literals;

namespace {

struct DiskAudio {
  kiosk::testing::TempDir dir{"speech-sdl"};
  std::string file = dir.File("speaker.raw");
  DiskAudio() {
    ::setenv("SDL_AUDIODRIVER", "disk", 1);
    ::setenv("SDL_DISKAUDIOFILE", file.c_str(), 1);
  }
  // The samples the "speaker" played, with the silence between.
  std::vector<std::int16_t> Played() const {
    std::ifstream in(file, std::ios::binary);
    std::vector<char> bytes{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    std::vector<std::int16_t> samples(bytes.size() / 2);
    std::memcpy(samples.data(), bytes.data(), samples.size() * 2);
    return samples;
  }
};

std::size_t Audible(const std::vector<std::int16_t>& samples) {
  std::size_t count = 0;
  for (std::int16_t s : samples) count += (s > 100 || s < -100) ? 1 : 0;
  return count;
}

}  // namespace

TEST_CASE("The SDL sink plays an utterance through SDL's queue in real time") {
  DiskAudio disk;
  {
    auto speech = EspeakSpeech::Create(std::make_unique<SdlAudioSink>());
    REQUIRE(speech);
    const auto start = std::chrono::steady_clock::now();
    (*speech)->Speak("Please insert your card", "en-US");
    REQUIRE((*speech)->Speaking());
    REQUIRE(WaitUntil([&] { return !(*speech)->Speaking(); }, 10s));
    // Speaking() lasts while SDL plays the queue out, not just while
    // espeak synthesizes (which takes a few tens of milliseconds).
    CHECK(std::chrono::steady_clock::now() - start > 800ms);
  }
  const auto played = disk.Played();
  CHECK(Audible(played) > 22050 / 2);
  CHECK(Rms(played) > 500);
}

TEST_CASE("Stop clears what SDL has queued") {
  DiskAudio disk;
  std::size_t audible_full = 0;
  {
    auto speech = EspeakSpeech::Create(std::make_unique<SdlAudioSink>());
    REQUIRE(speech);
    (*speech)->Speak("请插入社保卡", "zh-CN");
    std::this_thread::sleep_for(300ms);
    REQUIRE((*speech)->Speaking());
    const auto stopped = std::chrono::steady_clock::now();
    (*speech)->Stop();
    REQUIRE(WaitUntil([&] { return !(*speech)->Speaking(); }, 2s));
    CHECK(std::chrono::steady_clock::now() - stopped < 300ms);
    std::this_thread::sleep_for(200ms);
    audible_full = Audible(disk.Played());
  }
  // About 0.3 s of the 2.4 s utterance was heard.
  CHECK(audible_full > 0);
  CHECK(audible_full < 22050);
}

TEST_CASE("An SDL audio driver that does not exist fails Create") {
  kiosk::testing::TempDir dir("speech-sdl");
  ::setenv("SDL_AUDIODRIVER", "no-such-driver", 1);
  auto speech = EspeakSpeech::Create(std::make_unique<SdlAudioSink>());
  REQUIRE_FALSE(speech);
  CHECK(speech.error().code == kiosk::ErrorCode::kDeviceNotReady);
  CHECK_THAT(speech.error().detail, Catch::Contains("SDL audio"));
}
