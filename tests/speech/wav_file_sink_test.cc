#include "drivers/speech/wav_file_sink.h"

#include <catch2/catch.hpp>
#include <cstring>
#include <fstream>
#include <iterator>
#include <vector>

#include "drivers/speech/espeak_speech.h"
#include "tests/speech/speech_test_support.h"
#include "tests/support/temp_dir.h"

using kiosk::devices::EspeakSpeech;
using kiosk::devices::WavFileSink;
using kiosk::testing::Rms;
using kiosk::testing::WaitUntil;

namespace {

std::vector<std::uint8_t> ReadBytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

std::uint32_t Le32(const std::vector<std::uint8_t>& b, std::size_t at) {
  return b[at] | (b[at + 1] << 8) | (b[at + 2] << 16) |
         (static_cast<std::uint32_t>(b[at + 3]) << 24);
}

std::uint16_t Le16(const std::vector<std::uint8_t>& b, std::size_t at) {
  return static_cast<std::uint16_t>(b[at] | (b[at + 1] << 8));
}

}  // namespace

TEST_CASE("The WAV sink writes a valid PCM WAV of each utterance") {
  kiosk::testing::TempDir dir("speech-wav");
  const std::string path = dir.File("speech.wav");
  {
    auto speech = EspeakSpeech::Create(std::make_unique<WavFileSink>(path));
    REQUIRE(speech);
    (*speech)->Speak("请插入社保卡", "zh-CN");
    REQUIRE(WaitUntil([&] { return !(*speech)->Speaking(); }));
    // Valid between utterances too: the header follows every chunk.
    const auto midway = ReadBytes(path);
    REQUIRE(midway.size() > 44);
    CHECK(Le32(midway, 40) == midway.size() - 44);
    (*speech)->Speak("Please insert your card", "en-US");
    REQUIRE(WaitUntil([&] { return !(*speech)->Speaking(); }));
  }
  const auto bytes = ReadBytes(path);
  REQUIRE(bytes.size() > 44);
  CHECK(std::memcmp(bytes.data(), "RIFF", 4) == 0);
  CHECK(std::memcmp(bytes.data() + 8, "WAVEfmt ", 8) == 0);
  CHECK(Le32(bytes, 4) == bytes.size() - 8);
  CHECK(Le16(bytes, 20) == 1);  // PCM
  CHECK(Le16(bytes, 22) == 1);  // mono
  CHECK(Le32(bytes, 24) == 22050);
  CHECK(Le16(bytes, 34) == 16);
  CHECK(std::memcmp(bytes.data() + 36, "data", 4) == 0);
  const std::uint32_t data = Le32(bytes, 40);
  REQUIRE(data == bytes.size() - 44);
  std::vector<std::int16_t> samples(data / 2);
  std::memcpy(samples.data(), bytes.data() + 44, data);
  CHECK(static_cast<double>(samples.size()) / 22050 > 1.5);  // Both utterances.
  CHECK(Rms(samples) > 1000);
}

TEST_CASE("A WAV sink in a missing directory fails Create") {
  kiosk::testing::TempDir dir("speech-wav");
  auto speech = EspeakSpeech::Create(std::make_unique<WavFileSink>(dir.File("no/such/speech.wav")));
  REQUIRE_FALSE(speech);
  CHECK(speech.error().code == kiosk::ErrorCode::kIo);
  CHECK_THAT(speech.error().detail, Catch::Contains("no/such/speech.wav"));
}
