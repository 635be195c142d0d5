#pragma once

// A pinyin backend for tests: a small fixed table of (letters, hanzi)
// entries. The candidates for an input are the entries whose letters start
// it, longest letters first and then in table order; choosing one covers its
// letters. {"zhangsan", "张三"}, {"zhang", "张"}, {"san", "三"}: "zhangsan"
// offers 张三, 张; choosing 张 leaves "san".

#include <string>
#include <utility>
#include <vector>

#include "kiosk/core/input/pinyin_engine.h"

namespace kiosk::input {

struct FakePinyinEntry {
  std::string letters;
  std::string hanzi;
};

class FakePinyinEngine final : public PinyinEngine {
 public:
  // A handful of names and words the keyboard tests use.
  FakePinyinEngine();
  explicit FakePinyinEngine(std::vector<FakePinyinEntry> table) : table_(std::move(table)) {}

  // How many lookups the engine did and whether a test asked it to fail.
  int lookups() const { return lookups_; }
  void FailNextLookup() { fail_next_lookup_ = true; }

 protected:
  Result<std::vector<std::string>> Lookup(const std::string& letters) override;
  Result<std::size_t> Consume(std::size_t index) override;
  void Clear() override { covered_.clear(); }

 private:
  std::vector<FakePinyinEntry> table_;
  std::vector<std::size_t> covered_;  // Letters covered by each current candidate.
  int lookups_ = 0;
  bool fail_next_lookup_ = false;
};

}  // namespace kiosk::input
