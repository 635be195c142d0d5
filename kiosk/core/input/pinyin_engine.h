#pragma once

// Pinyin to hanzi for the on-screen keyboard. The keyboard feeds the letters
// typed so far; the engine offers Chinese words and phrases for them, best
// first, one page at a time; choosing one commits its text and leaves the
// letters it did not cover to be converted next ("zhangsan", choose 张 ->
// "张" committed, "san" left).
//
// The paging and the bookkeeping live here once; a backend only converts
// letters to a candidate list (Lookup) and says how many letters a chosen
// candidate covers (Consume). LibPinyinEngine is the real backend,
// FakePinyinEngine a fixed table for tests.

#include <cstddef>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "common/error.h"

namespace kiosk::input {

// What choosing a candidate gives: the Chinese text to insert into the field,
// and the letters still to convert (empty when the candidate covered all).
struct PinyinChoice {
  std::string committed;
  std::string remaining;
};

class PinyinEngine {
 public:
  // Letters beyond this are refused: no name or address needs more in one go.
  static constexpr std::size_t kMaxInputLetters = 64;
  static constexpr std::size_t kDefaultPageSize = 8;

  PinyinEngine() = default;
  virtual ~PinyinEngine();
  PinyinEngine(const PinyinEngine&) = delete;
  PinyinEngine& operator=(const PinyinEngine&) = delete;

  // Replaces the letters being converted: 'a'..'z' and the syllable
  // separator '\''. Recomputes the candidates and goes back to the first
  // page. Empty letters clear the candidates. On failure nothing changes.
  Result<void> SetInput(std::string_view letters);
  const std::string& Input() const { return input_; }

  // All candidates for the input, best first (libpinyin puts its
  // whole-sentence guess first).
  const std::vector<std::string>& AllCandidates() const { return candidates_; }

  // Paging. The page size is at least 1; changing it goes back to page 0.
  void SetPageSize(std::size_t size);
  std::size_t PageSize() const { return page_size_; }
  std::size_t PageIndex() const { return page_; }
  std::size_t PageCount() const;
  bool HasNextPage() const { return page_ + 1 < PageCount(); }
  bool HasPreviousPage() const { return page_ > 0; }
  bool NextPage();      // False (and no change) on the last page.
  bool PreviousPage();  // False (and no change) on the first page.
  std::span<const std::string> PageCandidates() const;

  // Chooses the candidate at `index_on_page` of the current page: returns its
  // text and the letters left over, which become the new input (with fresh
  // candidates from page 0).
  Result<PinyinChoice> Choose(std::size_t index_on_page);

  // Forgets the input and the candidates, wiping their buffers. Called
  // between citizens and whenever the keyboard is wiped.
  void Reset();

 protected:
  // The candidates for `letters` (valid, non-empty). The backend keeps
  // whatever it needs for Consume until the next Lookup or Clear.
  virtual Result<std::vector<std::string>> Lookup(const std::string& letters) = 0;
  // How many letters of the last looked-up input the candidate at `index`
  // (into the whole list) covers, from the start; at least 1.
  virtual Result<std::size_t> Consume(std::size_t index) = 0;
  // Drops the backend's state for the current input.
  virtual void Clear() = 0;

 private:
  void WipeState();

  std::string input_;
  std::vector<std::string> candidates_;
  std::size_t page_size_ = kDefaultPageSize;
  std::size_t page_ = 0;
};

// Whether `letters` is something SetInput accepts (length aside).
bool IsPinyinLetters(std::string_view letters);

}  // namespace kiosk::input
