#include "kiosk/core/input/libpinyin_engine.h"

#include <pinyin.h>
#include <stdlib.h>

#include <cerrno>
#include <set>
#include <string_view>
#include <system_error>
#include <utility>

namespace kiosk::input {

std::filesystem::path DefaultLibPinyinDataDir() { return KIOSK_LIBPINYIN_DATA_DIR; }

namespace {

// Full pinyin with the usual forgiveness of an IME: incomplete syllables
// ("zhangs" still finds 张三) and common typos (PINYIN_CORRECT_*), and the
// tables libpinyin uses to split run-together syllables. Deliberately not
// DYNAMIC_ADJUST: nothing one citizen types may change what the next sees.
// (The flags come from different C enums, hence the casts.)
constexpr pinyin_option_t kOptions =
    pinyin_option_t{PINYIN_INCOMPLETE} | pinyin_option_t{PINYIN_CORRECT_ALL} |
    pinyin_option_t{USE_DIVIDED_TABLE} | pinyin_option_t{USE_RESPLIT_TABLE};

constexpr guint kSort = SORT_BY_PHRASE_LENGTH_AND_PINYIN_LENGTH_AND_FREQUENCY;

Result<std::filesystem::path> MakePrivateDir(const std::filesystem::path& parent) {
  std::error_code error;
  const std::filesystem::path base =
      parent.empty() ? std::filesystem::temp_directory_path(error) : parent;
  if (error) return Fail(ErrorCode::kIo, "no temporary directory: " + error.message());
  std::string pattern = (base / "kiosk-pinyin-XXXXXX").string();
  // mkdtemp makes it 0700: readable by this user only.
  if (mkdtemp(pattern.data()) == nullptr) {
    return Fail(ErrorCode::kIo, "cannot create a private directory under " + base.string() + ": " +
                                    std::generic_category().message(errno));
  }
  return std::filesystem::path(pattern);
}

}  // namespace

Result<std::unique_ptr<LibPinyinEngine>> LibPinyinEngine::Create(const LibPinyinOptions& options) {
  const std::filesystem::path data_dir =
      options.data_dir.empty() ? DefaultLibPinyinDataDir() : options.data_dir;
  std::error_code error;
  if (!std::filesystem::is_regular_file(data_dir / "pinyin_index.bin", error)) {
    return Fail(ErrorCode::kNotFound, "no libpinyin data (pinyin_index.bin) in " +
                                          data_dir.string() + "; package libpinyin-data");
  }
  Result<std::filesystem::path> user_dir = MakePrivateDir(options.temp_parent);
  if (!user_dir) return std::unexpected(std::move(user_dir.error()));

  std::unique_ptr<LibPinyinEngine> engine(new LibPinyinEngine());
  engine->user_dir_ = std::move(*user_dir);  // Removed by the destructor from here on.
  engine->context_ = pinyin_init(data_dir.c_str(), engine->user_dir_.c_str());
  if (engine->context_ == nullptr) {
    return Fail(ErrorCode::kInvalidData,
                "libpinyin cannot load its data from " + data_dir.string());
  }
  pinyin_set_options(engine->context_, kOptions);
  engine->instance_ = pinyin_alloc_instance(engine->context_);
  if (engine->instance_ == nullptr) {
    return Fail(ErrorCode::kInternal, "libpinyin cannot allocate an instance");
  }
  return engine;
}

LibPinyinEngine::~LibPinyinEngine() {
  libpinyin_index_.clear();
  if (instance_ != nullptr) {
    pinyin_reset(instance_);
    pinyin_free_instance(instance_);
  }
  // Never pinyin_save: the in-memory user tables die with the context.
  if (context_ != nullptr) pinyin_fini(context_);
  if (!user_dir_.empty()) {
    std::error_code ignored;
    std::filesystem::remove_all(user_dir_, ignored);
  }
}

Result<std::vector<std::string>> LibPinyinEngine::Lookup(const std::string& letters) {
  libpinyin_index_.clear();
  pinyin_reset(instance_);
  pinyin_parse_more_full_pinyins(instance_, letters.c_str());
  std::vector<std::string> candidates;
  // Nothing parsed ("i", "'"): no syllable, so no candidate.
  if (pinyin_get_parsed_input_length(instance_) == 0) return candidates;
  // The sentence guess gives the whole-input candidate (NBEST_MATCH_CANDIDATE)
  // that pinyin_guess_candidates then puts first.
  if (!pinyin_guess_sentence(instance_)) {
    return Fail(ErrorCode::kInternal, "libpinyin could not guess a sentence");
  }
  if (!pinyin_guess_candidates(instance_, 0, kSort)) {
    return Fail(ErrorCode::kInternal, "libpinyin could not guess candidates");
  }
  guint count = 0;
  pinyin_get_n_candidate(instance_, &count);
  std::set<std::string_view> seen;
  candidates.reserve(count);
  libpinyin_index_.reserve(count);
  for (guint i = 0; i < count; ++i) {
    lookup_candidate_t* candidate = nullptr;
    const gchar* text = nullptr;
    if (!pinyin_get_candidate(instance_, i, &candidate) ||
        !pinyin_get_candidate_string(instance_, candidate, &text) || text == nullptr ||
        *text == '\0') {
      continue;
    }
    // The strings belong to libpinyin and live until the next guess, as long
    // as `seen` is used.
    if (!seen.insert(std::string_view(text)).second) continue;
    candidates.emplace_back(text);
    libpinyin_index_.push_back(i);
  }
  return candidates;
}

Result<std::size_t> LibPinyinEngine::Consume(std::size_t index) {
  if (index >= libpinyin_index_.size()) {
    return Fail(ErrorCode::kSequence, "no libpinyin candidate " + std::to_string(index));
  }
  lookup_candidate_t* candidate = nullptr;
  if (!pinyin_get_candidate(instance_, libpinyin_index_[index], &candidate)) {
    return Fail(ErrorCode::kInternal, "libpinyin lost candidate " + std::to_string(index));
  }
  // In libpinyin 2.x the returned offset is a position in the typed letters:
  // the end of what the candidate covers. It only constrains this
  // instance's current sentence; the next Lookup resets it.
  const int end = pinyin_choose_candidate(instance_, 0, candidate);
  if (end <= 0) return Fail(ErrorCode::kInternal, "libpinyin refused the chosen candidate");
  return static_cast<std::size_t>(end);
}

void LibPinyinEngine::Clear() {
  libpinyin_index_.clear();
  if (instance_ != nullptr) pinyin_reset(instance_);
}

}  // namespace kiosk::input
