#include "kiosk/core/input/libpinyin_engine.h"

#include <sys/stat.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "kiosk/core/input/keyboard_model.h"

using namespace kiosk;
using namespace kiosk::input;

namespace {

std::unique_ptr<LibPinyinEngine> MakeEngine() {
  Result<std::unique_ptr<LibPinyinEngine>> engine = LibPinyinEngine::Create();
  if (!engine) FAIL(engine.error().Describe());
  return std::move(*engine);
}

PressResult Press(KeyboardModel& model, std::string_view key) {
  Result<PressResult> result = model.Press(key);
  if (!result) FAIL(result.error().Describe());
  return *result;
}

void Type(KeyboardModel& model, std::string_view letters) {
  for (char c : letters) {
    REQUIRE(Press(model, std::string(1, c)).outcome == PressOutcome::kComposing);
  }
}

std::vector<std::string> Page(const KeyboardModel& model) {
  return {model.Candidates().begin(), model.Candidates().end()};
}

// The candidate key for `text`, looking through the pages from the current
// one on; empty when no page has it.
std::string FindCandidate(KeyboardModel& model, std::string_view text) {
  while (true) {
    const std::vector<std::string> page = Page(model);
    const auto found = std::find(page.begin(), page.end(), text);
    if (found != page.end()) return "candidate:" + std::to_string(found - page.begin());
    if (!model.HasNextPage()) return "";
    Press(model, "page_next");
  }
}

}  // namespace

TEST_CASE("libpinyin: z-h-a-n-g-s-a-n, choosing the whole phrase, gives 张三") {
  std::unique_ptr<LibPinyinEngine> engine = MakeEngine();
  KeyboardModel model(*engine, 8);
  REQUIRE(model.Bind(KeyboardLayout::kText, "", 20));
  Type(model, "zhangsan");
  CHECK(model.Composing() == "zhangsan");
  REQUIRE_FALSE(model.Candidates().empty());

  // The path taken: 张三 is a whole-phrase candidate on the first page
  // (libpinyin 2.8's data ranks 章三 just before it).
  const std::string key = FindCandidate(model, "张三");
  REQUIRE(key.starts_with("candidate:"));
  CHECK_FALSE(model.HasPreviousPage());
  const PressResult chosen = Press(model, key);
  CHECK(chosen.outcome == PressOutcome::kEdited);
  CHECK(chosen.edit.insert == "张三");
  CHECK(model.Text() == "张三");
  CHECK(model.Composing().empty());
  CHECK(model.Candidates().empty());
}

TEST_CASE("libpinyin: choosing 张 leaves san, then 三 gives 张三") {
  std::unique_ptr<LibPinyinEngine> engine = MakeEngine();
  KeyboardModel model(*engine, 8);
  REQUIRE(model.Bind(KeyboardLayout::kText, "", 20));
  Type(model, "zhangsan");

  const std::string zhang = FindCandidate(model, "张");
  REQUIRE_FALSE(zhang.empty());
  CHECK(Press(model, zhang).edit.insert == "张");
  CHECK(model.Text() == "张");
  CHECK(model.Composing() == "san");

  const std::string san = FindCandidate(model, "三");
  REQUIRE_FALSE(san.empty());
  CHECK(Press(model, san).edit.insert == "三");
  CHECK(model.Text() == "张三");
  CHECK(model.Composing().empty());
}

TEST_CASE("libpinyin: the whole-sentence candidate comes first") {
  std::unique_ptr<LibPinyinEngine> engine = MakeEngine();
  REQUIRE(engine->SetInput("zhongguorenmin"));
  REQUIRE_FALSE(engine->AllCandidates().empty());
  CHECK(engine->AllCandidates().front() == "中国人民");
  // No duplicates even when the sentence is also a dictionary phrase.
  std::vector<std::string> sorted = engine->AllCandidates();
  std::sort(sorted.begin(), sorted.end());
  CHECK(std::adjacent_find(sorted.begin(), sorted.end()) == sorted.end());

  // Space takes it.
  KeyboardModel model(*engine, 8);
  REQUIRE(model.Bind(KeyboardLayout::kSearch, "", 0));
  Type(model, "nihao");
  CHECK(Press(model, "space").edit.insert == "你好");
}

TEST_CASE("libpinyin: paging forward and back changes the candidates") {
  std::unique_ptr<LibPinyinEngine> engine = MakeEngine();
  KeyboardModel model(*engine, 8);
  REQUIRE(model.Bind(KeyboardLayout::kText, "", 20));
  Type(model, "li");
  REQUIRE(model.HasNextPage());
  CHECK_FALSE(model.HasPreviousPage());
  const std::vector<std::string> first = Page(model);
  CHECK(first.size() == 8);

  CHECK(Press(model, "page_next").outcome == PressOutcome::kComposing);
  const std::vector<std::string> second = Page(model);
  CHECK_FALSE(second.empty());
  CHECK(second != first);
  CHECK(model.HasPreviousPage());
  for (const std::string& candidate : second) {
    CHECK(std::find(first.begin(), first.end(), candidate) == first.end());
  }

  CHECK(Press(model, "page_prev").outcome == PressOutcome::kComposing);
  CHECK(Page(model) == first);
  CHECK(Press(model, "page_prev").outcome == PressOutcome::kRefused);  // Shown disabled.
}

TEST_CASE("libpinyin: backspace removes a letter, then a hanzi") {
  std::unique_ptr<LibPinyinEngine> engine = MakeEngine();
  KeyboardModel model(*engine, 8);
  REQUIRE(model.Bind(KeyboardLayout::kText, "", 20));
  Type(model, "zhangsan");
  const std::vector<std::string> before = Page(model);
  CHECK(Press(model, "backspace").outcome == PressOutcome::kComposing);
  CHECK(model.Composing() == "zhangsa");
  CHECK(model.Text().empty());
  CHECK(Page(model) != before);

  const std::string zhang = FindCandidate(model, "张");
  REQUIRE_FALSE(zhang.empty());
  Press(model, zhang);
  CHECK(model.Composing() == "sa");
  Press(model, "backspace");
  Press(model, "backspace");
  CHECK(model.Composing().empty());
  CHECK(model.Candidates().empty());
  const PressResult hanzi = Press(model, "backspace");
  CHECK(hanzi.edit.erase == 1);
  CHECK(model.Text().empty());
}

TEST_CASE("libpinyin: letters that are no syllable give no candidates") {
  std::unique_ptr<LibPinyinEngine> engine = MakeEngine();
  REQUIRE(engine->SetInput("i"));
  CHECK(engine->AllCandidates().empty());
  KeyboardModel model(*engine, 8);
  REQUIRE(model.Bind(KeyboardLayout::kText, "", 20));
  Type(model, "v");
  CHECK(model.Candidates().empty());
  // Space then puts the letters in as typed.
  CHECK(Press(model, "space").edit.insert == "v");
  CHECK(model.Text() == "v");
}

TEST_CASE("libpinyin: nothing a citizen chooses changes what the next one sees") {
  std::unique_ptr<LibPinyinEngine> engine = MakeEngine();
  REQUIRE(engine->SetInput("zhangsan"));
  const std::vector<std::string> before = engine->AllCandidates();
  const auto rare = std::find(before.begin(), before.end(), "张伞");
  REQUIRE(rare != before.end());
  engine->SetPageSize(before.size());
  for (int i = 0; i < 5; ++i) {
    REQUIRE(engine->SetInput("zhangsan"));
    REQUIRE(engine->Choose(static_cast<std::size_t>(rare - before.begin())));
  }
  engine->Reset();
  REQUIRE(engine->SetInput("zhangsan"));
  CHECK(engine->AllCandidates() == before);
}

TEST_CASE("libpinyin: the user directory is private and removed with the engine") {
  std::filesystem::path user_dir;
  {
    std::unique_ptr<LibPinyinEngine> engine = MakeEngine();
    user_dir = engine->UserDir();
    REQUIRE(std::filesystem::is_directory(user_dir));
    struct stat info {};
    REQUIRE(stat(user_dir.c_str(), &info) == 0);
    CHECK((info.st_mode & 0777) == 0700);
    REQUIRE(engine->SetInput("zhangsan"));
    REQUIRE(engine->Choose(0));
  }
  CHECK_FALSE(std::filesystem::exists(user_dir));
}

TEST_CASE("libpinyin: a missing data directory is reported") {
  LibPinyinOptions options;
  options.data_dir = "/nonexistent/libpinyin";
  Result<std::unique_ptr<LibPinyinEngine>> engine = LibPinyinEngine::Create(options);
  REQUIRE_FALSE(engine);
  CHECK(engine.error().code == ErrorCode::kNotFound);
}

TEST_CASE("libpinyin: Wipe empties text, composition and candidates") {
  std::unique_ptr<LibPinyinEngine> engine = MakeEngine();
  KeyboardModel model(*engine, 8);
  REQUIRE(model.Bind(KeyboardLayout::kText, "", 20));
  Type(model, "zhangsan");
  Press(model, FindCandidate(model, "张"));
  REQUIRE(model.Composing() == "san");
  model.Wipe();
  CHECK(model.Text().empty());
  CHECK(model.Composing().empty());
  CHECK(model.Candidates().empty());
  CHECK(engine->AllCandidates().empty());
}
