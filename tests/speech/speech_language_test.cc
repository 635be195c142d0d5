#include <catch2/catch.hpp>

#include "drivers/speech/speech_output.h"

using kiosk::devices::ParseSpeechLanguage;
using kiosk::devices::SpeechLanguage;

TEST_CASE("UI language tags map to the Mandarin and English voices") {
  CHECK(ParseSpeechLanguage("zh-CN") == SpeechLanguage::kMandarin);
  CHECK(ParseSpeechLanguage("zh") == SpeechLanguage::kMandarin);
  CHECK(ParseSpeechLanguage("zh-Hans-CN") == SpeechLanguage::kMandarin);
  CHECK(ParseSpeechLanguage("en-US") == SpeechLanguage::kEnglish);
  CHECK(ParseSpeechLanguage("EN") == SpeechLanguage::kEnglish);
  CHECK(ParseSpeechLanguage("en_GB") == SpeechLanguage::kEnglish);
  CHECK(ParseSpeechLanguage("") == SpeechLanguage::kUnknown);
  CHECK(ParseSpeechLanguage("ja-JP") == SpeechLanguage::kUnknown);
  CHECK(ParseSpeechLanguage("zhx") == SpeechLanguage::kUnknown);
}
