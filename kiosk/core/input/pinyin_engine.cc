#include "kiosk/core/input/pinyin_engine.h"

#include <algorithm>
#include <utility>

#include "common/secure_wipe.h"

namespace kiosk::input {

PinyinEngine::~PinyinEngine() { WipeState(); }

bool IsPinyinLetters(std::string_view letters) {
  return std::all_of(letters.begin(), letters.end(),
                     [](char c) { return (c >= 'a' && c <= 'z') || c == '\''; });
}

Result<void> PinyinEngine::SetInput(std::string_view letters) {
  if (letters.size() > kMaxInputLetters) {
    return Fail(ErrorCode::kInvalidArgument, "pinyin input of " + std::to_string(letters.size()) +
                                                 " letters, at most " +
                                                 std::to_string(kMaxInputLetters) + " allowed");
  }
  if (!IsPinyinLetters(letters)) {
    return Fail(ErrorCode::kInvalidArgument, "pinyin input may hold only a-z and '");
  }
  std::string next(letters);
  std::vector<std::string> found;
  if (next.empty()) {
    Clear();
  } else {
    Result<std::vector<std::string>> looked_up = Lookup(next);
    if (!looked_up) {
      SecureWipe(next);
      return std::unexpected(std::move(looked_up.error()));
    }
    found = std::move(*looked_up);
  }
  WipeState();
  input_ = std::move(next);
  candidates_ = std::move(found);
  page_ = 0;
  return {};
}

void PinyinEngine::SetPageSize(std::size_t size) {
  page_size_ = std::max<std::size_t>(size, 1);
  page_ = 0;
}

std::size_t PinyinEngine::PageCount() const {
  return (candidates_.size() + page_size_ - 1) / page_size_;
}

bool PinyinEngine::NextPage() {
  if (!HasNextPage()) return false;
  ++page_;
  return true;
}

bool PinyinEngine::PreviousPage() {
  if (!HasPreviousPage()) return false;
  --page_;
  return true;
}

std::span<const std::string> PinyinEngine::PageCandidates() const {
  const std::size_t begin = std::min(page_ * page_size_, candidates_.size());
  const std::size_t end = std::min(begin + page_size_, candidates_.size());
  return std::span<const std::string>(candidates_).subspan(begin, end - begin);
}

Result<PinyinChoice> PinyinEngine::Choose(std::size_t index_on_page) {
  const std::size_t index = page_ * page_size_ + index_on_page;
  if (index_on_page >= page_size_ || index >= candidates_.size()) {
    return Fail(ErrorCode::kInvalidArgument,
                "no candidate " + std::to_string(index_on_page) + " on this page");
  }
  Result<std::size_t> covered = Consume(index);
  if (!covered) return std::unexpected(std::move(covered.error()));
  if (*covered == 0 || *covered > input_.size()) {
    return Fail(ErrorCode::kInternal, "the pinyin backend says a candidate covers " +
                                          std::to_string(*covered) + " of " +
                                          std::to_string(input_.size()) + " letters");
  }
  PinyinChoice choice{candidates_[index], input_.substr(*covered)};
  // A separator left at the front would only produce an empty syllable.
  const std::size_t first_letter = choice.remaining.find_first_not_of('\'');
  choice.remaining.erase(
      0, first_letter == std::string::npos ? choice.remaining.size() : first_letter);
  Result<void> next = SetInput(choice.remaining);
  if (!next) {
    SecureWipe(choice.committed);
    SecureWipe(choice.remaining);
    return std::unexpected(std::move(next.error()));
  }
  return choice;
}

void PinyinEngine::Reset() {
  Clear();
  WipeState();
}

void PinyinEngine::WipeState() {
  SecureWipe(input_);
  for (std::string& candidate : candidates_) SecureWipe(candidate);
  candidates_.clear();
  page_ = 0;
}

}  // namespace kiosk::input
