#pragma once

// The real pinyin backend, on libpinyin (Debian: libpinyin15, its data in
// libpinyin-data).
//
// Privacy: the terminal serves one citizen after another, and a name or an
// address typed by one must not turn up as a suggestion for the next.
// libpinyin learns by itself only when asked (pinyin_train,
// pinyin_remember_user_input) and writes what it learnt only on pinyin_save;
// this backend calls none of them and leaves DYNAMIC_ADJUST off. Its user
// directory, where libpinyin would keep learnt phrases, is a private
// temporary directory made for this engine and removed with it, so even a
// libpinyin that wrote there on its own would leave nothing behind.
// Reset() forgets the letters and candidates between citizens.
//
// Creating the engine loads the dictionaries: about 15-25 ms on the
// development machine (bench/input/pinyin_bench), so the application makes
// one at start-up and keeps it.

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
