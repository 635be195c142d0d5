#include "drivers/speech/speech_output.h"

#include <cctype>

namespace kiosk::devices {

SpeechOutput::~SpeechOutput() = default;

namespace {

// The primary language subtag ("zh" of "zh-CN"), lower case.
std::string PrimarySubtag(std::string_view tag) {
  std::string primary;
  for (char c : tag) {
    if (c == '-' || c == '_') break;
    primary.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  }
  return primary;
}

}  // namespace

SpeechLanguage ParseSpeechLanguage(std::string_view tag) {
  const std::string primary = PrimarySubtag(tag);
  if (primary == "zh" || primary == "cmn") return SpeechLanguage::kMandarin;
  if (primary == "en") return SpeechLanguage::kEnglish;
  return SpeechLanguage::kUnknown;
}

}  // namespace kiosk::devices
