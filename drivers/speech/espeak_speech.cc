#include "drivers/speech/espeak_speech.h"

#include <espeak-ng/espeak_ng.h>
#include <espeak-ng/speak_lib.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <filesystem>
#include <functional>
#include <future>
#include <mutex>
#include <optional>
#include <thread>
#include <utility>

#include "common/log.h"

namespace kiosk::devices {

namespace {

constexpr std::string_view kComponent = "speech";

// Process-wide facts about espeak-ng (see espeak_speech.h): whether an
// EspeakSpeech lives, and whether and from where espeak-ng was initialized.
struct ProcessEspeak {
  std::mutex mutex;
  bool in_use = false;
  bool initialized = false;
  std::string requested_path;  // As the first Create asked ("" = system's).
  std::string data_path;       // Where espeak-ng found its data.
};

ProcessEspeak& Process() {
  static ProcessEspeak process;
  return process;
}

std::string StatusMessage(espeak_ng_STATUS status) {
  std::array<char, 256> text{};
  espeak_ng_GetStatusCodeMessage(status, text.data(), text.size());
  return fmt::format("{} (espeak-ng status 0x{:x})", text.data(), static_cast<unsigned>(status));
}

// espeak_ng_InitializePath silently falls back to the system's data when
// the given directory does not exist, so a wrong path is caught here.
Result<void> CheckDataPath(const std::string& path) {
  namespace fs = std::filesystem;
  std::error_code error;
  if (fs::is_regular_file(fs::path(path) / "phontab", error) ||
      fs::is_regular_file(fs::path(path) / "espeak-ng-data" / "phontab", error)) {
    return {};
  }
  return Fail(ErrorCode::kNotFound, "no espeak-ng voice data in " + path +
                                        " (neither phontab nor espeak-ng-data/phontab exists)");
}

}  // namespace

// Everything the speech thread owns. Fields under mutex_ are shared with the
// caller's thread; the rest belong to the speech thread alone.
class EspeakSpeech::Engine {
 public:
  Engine(std::unique_ptr<PcmSink> sink, EspeakOptions options)
      : sink_(std::move(sink)), options_(std::move(options)), settings_(options_.settings) {}

  ~Engine() {
    {
      std::lock_guard lock(mutex_);
      quit_ = true;
      generation_.fetch_add(1);
    }
    wake_.notify_all();
    if (thread_.joinable()) thread_.join();
    std::lock_guard lock(Process().mutex);
    Process().in_use = false;
  }

  // Starts the thread and waits for its start-up (espeak-ng, voices, sink).
  Result<void> Start() {
    std::promise<Result<void>> started;
    auto result = started.get_future();
    thread_ = std::thread([this, &started] { Run(started); });
    return result.get();
  }

  void Speak(std::string_view text, std::string_view language) {
    const SpeechLanguage parsed = ParseSpeechLanguage(language);
    if (parsed == SpeechLanguage::kUnknown) {
      log::Warning(kComponent, "no voice for language \"{}\"; not spoken: {}", language, text);
      Stop();  // The screen changed all the same: its predecessor's words no longer apply.
      return;
    }
    {
      std::lock_guard lock(mutex_);
      if (!settings_.enabled) return;
      generation_.fetch_add(1);
      interrupt_ = interrupt_ || speaking_;
      pending_ = Request{std::string(text), parsed, settings_};
      speaking_ = true;
    }
    wake_.notify_all();
  }

  void Stop() {
    {
      std::lock_guard lock(mutex_);
      generation_.fetch_add(1);
      pending_.reset();
      interrupt_ = interrupt_ || speaking_;
    }
    wake_.notify_all();
  }

  // Runs on the speech thread between utterances; waits for the answer.
  Result<std::string> Transcribe(std::string_view text, std::string_view language) {
    const SpeechLanguage parsed = ParseSpeechLanguage(language);
    if (parsed == SpeechLanguage::kUnknown) {
      return Fail(ErrorCode::kInvalidArgument,
                  "no voice for language \"" + std::string(language) + "\"");
    }
    std::promise<Result<std::string>> answer;
    auto result = answer.get_future();
    {
      std::lock_guard lock(mutex_);
      tasks_.push_back([this, &answer, copy = std::string(text), parsed] {
        answer.set_value(Phonemes(copy, parsed));
      });
    }
    wake_.notify_all();
    return result.get();
  }

  bool Speaking() const {
    std::lock_guard lock(mutex_);
    return speaking_;
  }

  void SetSettings(const SpeechSettings& settings) {
    bool stop = false;
    {
      std::lock_guard lock(mutex_);
      settings_ = settings;
      stop = !settings.enabled;
    }
    if (stop) Stop();
  }

  SpeechSettings Settings() const {
    std::lock_guard lock(mutex_);
    return settings_;
  }

  int SampleRate() const { return sample_rate_; }

 private:
  struct Request {
    std::string text;
    SpeechLanguage language = SpeechLanguage::kUnknown;
    SpeechSettings settings;
  };

  // The PCM callback: espeak-ng calls it on the speech thread from inside
  // espeak_ng_Synthesize. Returning 1 makes espeak-ng abandon the text.
  static int OnSamples(short* samples, int count, espeak_EVENT* /*events*/) {
    Engine* engine = current_;
    if (engine == nullptr) return 1;
    if (engine->generation_.load() != engine->synthesizing_) return 1;
    if (samples != nullptr && count > 0) {
      engine->sink_->Write(std::span<const std::int16_t>(samples, static_cast<std::size_t>(count)));
    }
    return 0;
  }

  // Start-up on the speech thread; the result goes back to Create.
  Result<void> Initialize() {
    {
      std::lock_guard lock(Process().mutex);
      ProcessEspeak& process = Process();
      if (!options_.data_path.empty()) {
        if (auto checked = CheckDataPath(options_.data_path); !checked) return checked;
      }
      if (process.initialized) {
        if (options_.data_path != process.requested_path) {
          return Fail(ErrorCode::kSequence,
                      "espeak-ng was initialized from " + process.data_path +
                          " in this process and cannot be re-initialized from \"" +
                          options_.data_path + "\"");
        }
      } else {
        espeak_ng_InitializePath(options_.data_path.empty() ? nullptr : options_.data_path.c_str());
        espeak_ng_ERROR_CONTEXT context = nullptr;
        const espeak_ng_STATUS status = espeak_ng_Initialize(&context);
        if (context != nullptr) espeak_ng_ClearErrorContext(&context);
        if (status != ENS_OK) {
          const char* path = nullptr;
          espeak_Info(&path);
          const std::string where = path != nullptr ? path : "(unknown)";
          return Fail(
              status == ENOENT ? ErrorCode::kNotFound : ErrorCode::kDevice,
              "espeak-ng cannot load its voice data from " + where + ": " + StatusMessage(status));
        }
        const espeak_ng_STATUS output =
            espeak_ng_InitializeOutput(ENOUTPUT_MODE_SYNCHRONOUS, options_.chunk_ms, nullptr);
        if (output != ENS_OK) {
          return Fail(ErrorCode::kDevice,
                      "espeak-ng synchronous output does not start: " + StatusMessage(output));
        }
        const char* path = nullptr;
        espeak_Info(&path);
        process.initialized = true;
        process.requested_path = options_.data_path;
        process.data_path = path != nullptr ? path : "(unknown)";
      }
    }
    espeak_SetSynthCallback(&Engine::OnSamples);
    for (const auto& [voice, tag] : {std::pair{&options_.mandarin_voice, kMandarinTag},
                                     std::pair{&options_.english_voice, kEnglishTag}}) {
      const espeak_ng_STATUS status = espeak_ng_SetVoiceByName(voice->c_str());
      if (status == ENS_VOICE_NOT_FOUND) {
        std::lock_guard lock(Process().mutex);
        return Fail(ErrorCode::kNotFound, "espeak-ng has no voice \"" + *voice + "\" (for " +
                                              std::string(tag) + ") in " + Process().data_path);
      }
      if (status != ENS_OK) {
        return Fail(ErrorCode::kDevice, "espeak-ng cannot select the voice \"" + *voice +
                                            "\": " + StatusMessage(status));
      }
    }
    voice_ = SpeechLanguage::kEnglish;
    sample_rate_ = espeak_ng_GetSampleRate();
    if (sample_rate_ <= 0) {
      return Fail(ErrorCode::kDevice,
                  fmt::format("espeak-ng reports a sample rate of {}", sample_rate_));
    }
    return sink_->Open(sample_rate_);
  }

  void Run(std::promise<Result<void>>& started) {
    current_ = this;
    Result<void> ready = Initialize();
    const bool ok = ready.has_value();
    started.set_value(std::move(ready));  // `started` is gone after this.
    if (!ok) return;

    std::unique_lock lock(mutex_);
    while (!quit_) {
      if (!tasks_.empty()) {
        auto task = std::move(tasks_.front());
        tasks_.pop_front();
        lock.unlock();
        task();
        lock.lock();
        continue;
      }
      if (interrupt_) {
        interrupt_ = false;
        lock.unlock();
        sink_->Interrupt();
        lock.lock();
        continue;
      }
      if (pending_) {
        Request request = std::move(*pending_);
        pending_.reset();
        synthesizing_ = generation_.load();
        lock.unlock();
        Synthesize(request);
        lock.lock();
        continue;
      }
      if (speaking_) {
        // Synthesis is done; the sink may still be playing it out.
        lock.unlock();
        const std::size_t queued = sink_->PendingSamples();
        lock.lock();
        if (queued == 0) {
          if (!pending_ && !interrupt_) speaking_ = false;
        } else {
          wake_.wait_for(lock, std::chrono::milliseconds(10));
        }
        continue;
      }
      wake_.wait(lock,
                 [this] { return quit_ || interrupt_ || pending_.has_value() || !tasks_.empty(); });
    }
    const bool silence = speaking_;
    speaking_ = false;
    lock.unlock();
    if (silence) sink_->Interrupt();
  }

  // Selects the voice of `language` unless it is the current one.
  Result<void> SelectVoice(SpeechLanguage language) {
    if (language == voice_) return {};
    const std::string& name =
        language == SpeechLanguage::kMandarin ? options_.mandarin_voice : options_.english_voice;
    const espeak_ng_STATUS status = espeak_ng_SetVoiceByName(name.c_str());
    if (status != ENS_OK) {
      voice_ = SpeechLanguage::kUnknown;
      return Fail(ErrorCode::kDevice,
                  "cannot select the voice \"" + name + "\": " + StatusMessage(status));
    }
    voice_ = language;
    return {};
  }

  // espeak-ng's phoneme names for `text`, clause after clause, on the
  // speech thread. A "(en)" in them means the voice switched to English.
  Result<std::string> Phonemes(const std::string& text, SpeechLanguage language) {
    if (auto selected = SelectVoice(language); !selected) return std::unexpected(selected.error());
    std::string phonemes;
    const void* position = text.c_str();
    while (position != nullptr) {
      const char* clause = espeak_TextToPhonemes(&position, espeakCHARS_UTF8, 0);
      if (clause == nullptr) break;
      if (!phonemes.empty()) phonemes += ' ';
      phonemes += clause;
    }
    return phonemes;
  }

  // One utterance, on the speech thread. Failures are logged and end it.
  void Synthesize(const Request& request) {
    if (auto selected = SelectVoice(request.language); !selected) {
      log::Error(kComponent, "{}", selected.error().detail);
      return;
    }
    // Set after the voice: selecting a voice may reset them.
    const int rate = std::clamp(request.settings.rate_wpm, espeakRATE_MINIMUM, espeakRATE_MAXIMUM);
    const int volume = std::clamp(request.settings.volume, 0, 100);
    if (const auto status = espeak_ng_SetParameter(espeakRATE, rate, 0); status != ENS_OK) {
      log::Warning(kComponent, "cannot set the rate to {}: {}", rate, StatusMessage(status));
    }
    if (const auto status = espeak_ng_SetParameter(espeakVOLUME, volume, 0); status != ENS_OK) {
      log::Warning(kComponent, "cannot set the volume to {}: {}", volume, StatusMessage(status));
    }

    sink_->Begin();
    // Plain UTF-8 text, no SSML: a "<" in an instruction is read, not parsed.
    const espeak_ng_STATUS status =
        espeak_ng_Synthesize(request.text.c_str(), request.text.size() + 1, 0, POS_CHARACTER, 0,
                             espeakCHARS_UTF8, nullptr, nullptr);
    const bool cut_off = generation_.load() != synthesizing_;
    if (cut_off) {
      // Clears whatever espeak-ng still holds of the abandoned text; the
      // sink is cleared through interrupt_, which Speak or Stop set.
      espeak_ng_Cancel();
      return;
    }
    if (status != ENS_OK) {
      log::Error(kComponent, "espeak-ng could not read \"{}\": {}", request.text,
                 StatusMessage(status));
      sink_->Interrupt();
      return;
    }
    sink_->End();
  }

  static thread_local Engine* current_;

  std::unique_ptr<PcmSink> sink_;
  const EspeakOptions options_;
  std::thread thread_;

  // Bumped by every Speak and Stop: a synthesis whose generation is no
  // longer current is cut off at its next chunk.
  std::atomic<std::uint64_t> generation_{0};

  mutable std::mutex mutex_;
  std::condition_variable wake_;
  SpeechSettings settings_;
  std::optional<Request> pending_;
  std::deque<std::function<void()>> tasks_;  // Run before anything else.
  bool interrupt_ = false;                   // Clear the sink before anything else.
  bool speaking_ = false;
  bool quit_ = false;

  // Speech thread only.
  std::uint64_t synthesizing_ = 0;
  SpeechLanguage voice_ = SpeechLanguage::kUnknown;
  int sample_rate_ = 0;
};

thread_local EspeakSpeech::Engine* EspeakSpeech::Engine::current_ = nullptr;

Result<std::unique_ptr<EspeakSpeech>> EspeakSpeech::Create(std::unique_ptr<PcmSink> sink,
                                                           EspeakOptions options) {
  if (sink == nullptr) return Fail(ErrorCode::kInvalidArgument, "no PCM sink for the speech");
  {
    std::lock_guard lock(Process().mutex);
    if (Process().in_use) {
      return Fail(ErrorCode::kSequence,
                  "an EspeakSpeech already exists in this process (espeak-ng is process-global)");
    }
    Process().in_use = true;
  }
  // From here the engine's destructor releases in_use.
  auto engine = std::make_unique<Engine>(std::move(sink), std::move(options));
  if (auto started = engine->Start(); !started) return std::unexpected(started.error());
  log::Info(kComponent, "espeak-ng ready: {} Hz", engine->SampleRate());
  return std::unique_ptr<EspeakSpeech>(new EspeakSpeech(std::move(engine)));
}

EspeakSpeech::EspeakSpeech(std::unique_ptr<Engine> engine) : engine_(std::move(engine)) {}
EspeakSpeech::~EspeakSpeech() = default;

void EspeakSpeech::Speak(std::string_view text, std::string_view language) {
  engine_->Speak(text, language);
}
void EspeakSpeech::Stop() { engine_->Stop(); }
bool EspeakSpeech::Speaking() const { return engine_->Speaking(); }
Result<std::string> EspeakSpeech::Transcribe(std::string_view text, std::string_view language) {
  return engine_->Transcribe(text, language);
}
void EspeakSpeech::SetSettings(const SpeechSettings& settings) { engine_->SetSettings(settings); }
SpeechSettings EspeakSpeech::Settings() const { return engine_->Settings(); }
int EspeakSpeech::SampleRate() const { return engine_->SampleRate(); }

}  // namespace kiosk::devices
