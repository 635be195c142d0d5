#pragma once

// The real pinyin backend, on libpinyin (Debian: libpinyin15, its data in
// libpinyin-data).
//
// Privacy: the terminal serves one citizen after another, and a name or an
// address typed by one must not turn up as a suggestion for the next.
// libpinyin learns only when asked (pinyin_train, pinyin_remember_user_input,
// choosing an add-on candidate) and writes what it learnt only on
// pinyin_save; this backend calls none of them, loads no add-on phrase
// library and leaves DYNAMIC_ADJUST off, so choosing a candidate only
// constrains the current sentence (tests/input checks that the ranking is
// the same afterwards). Its user directory, where libpinyin would keep learnt
// phrases, is a private (0700) temporary directory made for this engine and
// removed with it, so even a libpinyin that wrote there on its own would
// leave nothing on disk. Reset() forgets the letters and candidates between
// citizens; KeyboardModel::Wipe() calls it.
//
// Creating the engine loads the dictionaries. bench/input/pinyin_bench on
// the 2-core development machine, files in the page cache: p50 3.6 ms,
// p99 6.1 ms (RelWithDebInfo), p50 8 ms under ASan; a lookup per typed
// letter p50 1.1 ms, p99 7 ms. The application makes one at start-up and
// keeps it; creating one per citizen would also be affordable.
//
// libpinyin prints "open <dir>/user.conf failed." to stderr on creation:
// the fresh user directory has no user tables yet, which is the point.

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "common/error.h"
#include "kiosk/core/input/pinyin_engine.h"

struct _pinyin_context_t;
struct _pinyin_instance_t;

namespace kiosk::input {

struct LibPinyinOptions {
  // libpinyin's system data (pinyin_index.bin, bigram.db, ...); empty for
  // the one libpinyin-data installs (DefaultLibPinyinDataDir()).
  std::filesystem::path data_dir;
  // Where the private user directory is made; the system temporary
  // directory when empty.
  std::filesystem::path temp_parent;
};

// Where libpinyin-data put the dictionaries, as pkg-config told the build.
std::filesystem::path DefaultLibPinyinDataDir();

class LibPinyinEngine final : public PinyinEngine {
 public:
  static Result<std::unique_ptr<LibPinyinEngine>> Create(const LibPinyinOptions& options = {});
  ~LibPinyinEngine() override;

  // The private user directory given to libpinyin (removed on destruction).
  const std::filesystem::path& UserDir() const { return user_dir_; }

 protected:
  Result<std::vector<std::string>> Lookup(const std::string& letters) override;
  Result<std::size_t> Consume(std::size_t index) override;
  void Clear() override;

 private:
  LibPinyinEngine() = default;

  std::filesystem::path user_dir_;
  _pinyin_context_t* context_ = nullptr;
  _pinyin_instance_t* instance_ = nullptr;
  // Our candidate list drops libpinyin's duplicates (a sentence guess that
  // is also a dictionary phrase): the libpinyin index of each of ours.
  std::vector<unsigned> libpinyin_index_;
};

}  // namespace kiosk::input
