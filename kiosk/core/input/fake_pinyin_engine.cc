#include "kiosk/core/input/fake_pinyin_engine.h"

#include <algorithm>

namespace kiosk::input {

FakePinyinEngine::FakePinyinEngine()
    : FakePinyinEngine({{"zhangsan", "张三"}, {"zhang", "张"}, {"zhang", "章"},   {"zhang", "长"},
                        {"san", "三"},        {"san", "伞"},   {"nihao", "你好"}, {"ni", "你"},
                        {"ni", "泥"},         {"hao", "好"},   {"li", "李"},      {"li", "里"},
                        {"li", "理"},         {"li", "力"},    {"li", "立"},      {"li", "利"},
                        {"li", "例"},         {"li", "丽"},    {"li", "礼"},      {"li", "历"},
                        {"l", "了"}}) {}

Result<std::vector<std::string>> FakePinyinEngine::Lookup(const std::string& letters) {
  ++lookups_;
  if (fail_next_lookup_) {
    fail_next_lookup_ = false;
    return Fail(ErrorCode::kInternal, "fake lookup failure");
  }
  std::vector<const FakePinyinEntry*> matches;
  for (const FakePinyinEntry& entry : table_) {
    if (letters.starts_with(entry.letters)) matches.push_back(&entry);
  }
  std::stable_sort(matches.begin(), matches.end(),
                   [](const FakePinyinEntry* a, const FakePinyinEntry* b) {
                     return a->letters.size() > b->letters.size();
                   });
  std::vector<std::string> candidates;
  covered_.clear();
  for (const FakePinyinEntry* entry : matches) {
    candidates.push_back(entry->hanzi);
    covered_.push_back(entry->letters.size());
  }
  return candidates;
}

Result<std::size_t> FakePinyinEngine::Consume(std::size_t index) {
  if (index >= covered_.size()) return Fail(ErrorCode::kSequence, "no such fake candidate");
  return covered_[index];
}

}  // namespace kiosk::input
