#include "kiosk/core/input/keyboard_model.h"

#include <catch2/catch.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "kiosk/core/input/fake_pinyin_engine.h"

using namespace kiosk;
using namespace kiosk::input;

namespace {

PressResult Press(KeyboardModel& model, std::string_view key) {
  Result<PressResult> result = model.Press(key);
  REQUIRE(result);
  return *result;
}

void Type(KeyboardModel& model, std::string_view keys) {
  for (char c : keys) {
    const PressResult result = Press(model, std::string(1, c));
    REQUIRE(result.outcome != PressOutcome::kRefused);
  }
}

std::vector<std::string> Ids(const KeyRow& row) {
  std::vector<std::string> ids;
  for (const Key& key : row) ids.push_back(key.id);
  return ids;
}

const Key* FindKey(const KeyboardModel& model, std::string_view id) {
  static std::vector<KeyRow> rows;
  rows = model.Rows();
  for (const KeyRow& row : rows) {
    for (const Key& key : row) {
      if (key.id == id) return &key;
    }
  }
  return nullptr;
}

}  // namespace

TEST_CASE("ID number pad: digits, X only as the 18th character, 18 at most") {
  FakePinyinEngine engine;
  KeyboardModel model(engine);
  REQUIRE(model.Bind(KeyboardLayout::kIdNumber, "", 0));
  CHECK(model.MaxChars() == 18);

  // X before the 18th place is refused, and shown disabled.
  REQUIRE(FindKey(model, "X") != nullptr);
  CHECK_FALSE(FindKey(model, "X")->enabled);
  PressResult early = Press(model, "X");
  CHECK(early.outcome == PressOutcome::kRefused);
  CHECK(early.reason == "keyboard.refused.x_position");
  CHECK(model.Text().empty());

  Type(model, "4403041988031527");
  CHECK(Press(model, "X").reason == "keyboard.refused.x_position");  // Would be the 17th.
  Type(model, "1");
  CHECK(FindKey(model, "X")->enabled);
  const PressResult x = Press(model, "X");
  CHECK(x.outcome == PressOutcome::kEdited);
  CHECK(x.edit.insert == "X");
  CHECK(model.Text() == "44030419880315271X");

  // A 19th character is refused, digit or X.
  CHECK(Press(model, "0").reason == "keyboard.refused.max_length");
  CHECK(Press(model, "X").outcome == PressOutcome::kRefused);
  CHECK(model.Text() == "44030419880315271X");

  // Backspace takes the X away and it can be typed again.
  CHECK(Press(model, "backspace").edit.erase == 1);
  CHECK(model.Text() == "44030419880315271");
  CHECK(Press(model, "X").outcome == PressOutcome::kEdited);

  // An 18-digit number is fine too, and nothing fits after it.
  REQUIRE(model.Bind(KeyboardLayout::kIdNumber, "44030419880315271", 30));
  CHECK(model.MaxChars() == 18);
  CHECK(Press(model, "5").outcome == PressOutcome::kEdited);
  CHECK(Press(model, "6").reason == "keyboard.refused.max_length");

  // Letters are not on the pad at all; an X inside bound text is refused.
  CHECK(model.Press("a").error().code == ErrorCode::kInvalidArgument);
  CHECK(model.Press("x").error().code == ErrorCode::kInvalidArgument);
  CHECK_FALSE(model.Bind(KeyboardLayout::kIdNumber, "4403X", 0));
}

TEST_CASE("phone pad: digits only, up to the field's limit") {
  FakePinyinEngine engine;
  KeyboardModel model(engine);
  REQUIRE(model.Bind(KeyboardLayout::kDigits, "", 11));
  const std::vector<KeyRow> rows = model.Rows();
  REQUIRE(rows.size() == 4);
  CHECK(Ids(rows[0]) == std::vector<std::string>{"1", "2", "3"});
  CHECK(Ids(rows[3]) == std::vector<std::string>{"backspace", "0", "done"});
  CHECK(FindKey(model, "backspace")->label == "keyboard.backspace");
  CHECK(FindKey(model, "backspace")->label_is_text_key);
  CHECK_FALSE(FindKey(model, "7")->label_is_text_key);

  Type(model, "13800138000");
  CHECK(model.Text() == "13800138000");
  CHECK(Press(model, "1").reason == "keyboard.refused.max_length");
  for (std::string_view key : {"a", "X", "-", ".", "space", "shift_lang", "candidate:0"}) {
    CHECK(model.Press(key).error().code == ErrorCode::kInvalidArgument);
  }
  CHECK(Press(model, "done").outcome == PressOutcome::kDone);
  CHECK(model.Text() == "13800138000");
  CHECK_FALSE(model.Bind(KeyboardLayout::kDigits, "138-0013", 11));
}

TEST_CASE("date, money and code pads take their own characters") {
  FakePinyinEngine engine;
  KeyboardModel model(engine);

  REQUIRE(model.Bind(KeyboardLayout::kDate, "", 0));
  CHECK(Press(model, "-").reason == "keyboard.refused.character");
  Type(model, "1988-03-15");
  CHECK(model.Text() == "1988-03-15");
  CHECK(Press(model, "1").reason == "keyboard.refused.max_length");

  REQUIRE(model.Bind(KeyboardLayout::kMoney, "", 0));
  CHECK(Press(model, ".").outcome == PressOutcome::kRefused);
  Type(model, "1234.5");
  CHECK(Press(model, ".").outcome == PressOutcome::kRefused);
  Type(model, "0");
  CHECK(Press(model, "1").reason == "keyboard.refused.decimals");
  CHECK(model.Text() == "1234.50");

  REQUIRE(model.Bind(KeyboardLayout::kCode, "", 0));
  CHECK(model.MaxChars() == 18);
  Type(model, "91350100M000100Y43");
  CHECK(model.Text() == "91350100M000100Y43");
  CHECK(Press(model, "A").reason == "keyboard.refused.max_length");
  for (std::string_view letter : {"I", "O", "S", "V", "Z", "q"}) {
    CHECK(model.Press(letter).error().code == ErrorCode::kInvalidArgument);
  }
}

TEST_CASE("the Chinese keyboard composes pinyin with the fake engine") {
  FakePinyinEngine engine;
  KeyboardModel model(engine, 3);
  REQUIRE(model.Bind(KeyboardLayout::kText, "住址：", 50));

  // No candidate bar until letters are typed.
  CHECK(model.Rows().size() == 5);
  CHECK(FindKey(model, "page_next") == nullptr);

  const PressResult z = Press(model, "z");
  CHECK(z.outcome == PressOutcome::kComposing);
  CHECK(z.edit.Empty());
  Type(model, "hangsan");
  CHECK(model.Composing() == "zhangsan");
  CHECK(model.Text() == "住址：");
  REQUIRE(model.Candidates().size() == 3);
  CHECK(model.Candidates()[0] == "张三");

  const std::vector<KeyRow> rows = model.Rows();
  REQUIRE(rows.size() == 6);
  CHECK(Ids(rows[0]) == std::vector<std::string>{"page_prev", "candidate:0", "candidate:1",
                                                 "candidate:2", "page_next"});
  CHECK(rows[0][1].label == "张三");
  CHECK_FALSE(rows[0][0].enabled);
  CHECK(rows[0][4].enabled);

  // Paging.
  CHECK(Press(model, "page_next").outcome == PressOutcome::kComposing);
  CHECK(model.Candidates()[0] == "长");
  CHECK(Press(model, "page_next").outcome == PressOutcome::kRefused);  // Disabled on the last page.
  CHECK(Press(model, "page_prev").outcome == PressOutcome::kComposing);
  CHECK(model.Candidates()[0] == "张三");

  // Choosing 张 leaves "san" to compose.
  const PressResult zhang = Press(model, "candidate:1");
  CHECK(zhang.outcome == PressOutcome::kEdited);
  CHECK(zhang.edit.insert == "张");
  CHECK(model.Text() == "住址：张");
  CHECK(model.Composing() == "san");
  CHECK(model.Candidates()[0] == "三");

  // Space commits the first candidate of the page.
  const PressResult san = Press(model, "space");
  CHECK(san.edit.insert == "三");
  CHECK(model.Text() == "住址：张三");
  CHECK(model.Composing().empty());
  CHECK(model.Candidates().empty());

  // Without a composition space is a space.
  CHECK(Press(model, "space").edit.insert == " ");
  CHECK(model.Press("candidate:0").error().code == ErrorCode::kInvalidArgument);
}

TEST_CASE("backspace deletes a pinyin letter first, then a whole UTF-8 character") {
  FakePinyinEngine engine;
  KeyboardModel model(engine);
  REQUIRE(model.Bind(KeyboardLayout::kText, "张三", 50));
  Type(model, "ni");
  const PressResult first = Press(model, "backspace");
  CHECK(first.outcome == PressOutcome::kComposing);
  CHECK(first.edit.Empty());
  CHECK(model.Composing() == "n");
  CHECK(model.Text() == "张三");
  CHECK(Press(model, "backspace").outcome == PressOutcome::kComposing);
  CHECK(model.Composing().empty());
  CHECK(model.Candidates().empty());

  const PressResult hanzi = Press(model, "backspace");
  CHECK(hanzi.outcome == PressOutcome::kEdited);
  CHECK(hanzi.edit.erase == 1);
  CHECK(model.Text() == "张");
  CHECK(Press(model, "backspace").edit.erase == 1);
  CHECK(model.Text().empty());
  CHECK(Press(model, "backspace").outcome == PressOutcome::kNothing);
}

TEST_CASE("English mode types letters directly") {
  FakePinyinEngine engine;
  KeyboardModel model(engine);
  REQUIRE(model.Bind(KeyboardLayout::kText, "", 20));
  CHECK(FindKey(model, "shift_lang")->label == "keyboard.lang_chinese");
  CHECK(Press(model, "shift_lang").outcome == PressOutcome::kModeChanged);
  CHECK_FALSE(model.ChineseMode());
  CHECK(FindKey(model, "shift_lang")->label == "keyboard.lang_english");

  const PressResult a = Press(model, "a");
  CHECK(a.outcome == PressOutcome::kEdited);
  CHECK(a.edit.insert == "a");
  Type(model, "bc1");
  CHECK(model.Text() == "abc1");
  CHECK(model.Composing().empty());
  CHECK(engine.lookups() == 0);

  // Back to Chinese; switching while composing keeps the letters as typed.
  CHECK(Press(model, "shift_lang").outcome == PressOutcome::kModeChanged);
  Type(model, "ni");
  const PressResult to_english = Press(model, "shift_lang");
  CHECK(to_english.outcome == PressOutcome::kModeChanged);
  CHECK(to_english.edit.insert == "ni");
  CHECK(model.Text() == "abc1ni");
  CHECK(model.Composing().empty());
}

TEST_CASE("digits and done while composing") {
  FakePinyinEngine engine;
  KeyboardModel model(engine);
  REQUIRE(model.Bind(KeyboardLayout::kSearch, "", 0));
  CHECK(FindKey(model, "done")->label == "keyboard.search");

  // A digit commits the best candidate, then goes in itself.
  Type(model, "li");
  const PressResult digit = Press(model, "3");
  CHECK(digit.edit.insert == "李3");
  CHECK(model.Text() == "李3");

  // Letters that are no syllable have no candidate: they go in as typed.
  Type(model, "v");
  CHECK(model.Candidates().empty());
  CHECK(Press(model, "4").edit.insert == "v4");
  CHECK(model.Text() == "李3v4");

  // Done commits the letters as typed.
  Type(model, "hao");
  const PressResult done = Press(model, "done");
  CHECK(done.outcome == PressOutcome::kDone);
  CHECK(done.edit.insert == "hao");
  CHECK(model.Text() == "李3v4hao");
  CHECK(model.Composing().empty());
}

TEST_CASE("the length limit counts characters, not bytes") {
  FakePinyinEngine engine;
  KeyboardModel model(engine);
  REQUIRE(model.Bind(KeyboardLayout::kText, "", 3));
  Type(model, "nihao");
  CHECK(Press(model, "space").edit.insert == "你好");
  CHECK(model.TextChars() == 2);
  CHECK(model.Text().size() == 6);

  // 张三 does not fit in the one character left; 张 does.
  Type(model, "zhangsan");
  CHECK(Press(model, "candidate:0").reason == "keyboard.refused.max_length");
  CHECK(model.Text() == "你好");
  CHECK(Press(model, "candidate:1").edit.insert == "张");
  CHECK(model.Text() == "你好张");
  // Full: no more letters, and the rest of the composition cannot go in.
  CHECK(Press(model, "space").reason == "keyboard.refused.max_length");
  CHECK(model.Composing() == "san");
  CHECK(Press(model, "backspace").outcome == PressOutcome::kComposing);
  CHECK(Press(model, "backspace").outcome == PressOutcome::kComposing);
  CHECK(Press(model, "backspace").outcome == PressOutcome::kComposing);
  CHECK(Press(model, "n").reason == "keyboard.refused.max_length");

  CHECK_FALSE(model.Bind(KeyboardLayout::kText, "张三李四", 3));
}

TEST_CASE("an engine failure is an error and changes nothing") {
  FakePinyinEngine engine;
  KeyboardModel model(engine);
  REQUIRE(model.Bind(KeyboardLayout::kText, "", 10));
  Type(model, "n");
  engine.FailNextLookup();
  CHECK(model.Press("i").error().code == ErrorCode::kInternal);
  CHECK(model.Composing() == "n");
  CHECK(model.Text().empty());
}

TEST_CASE("Wipe empties text, composition and candidates") {
  FakePinyinEngine engine;
  KeyboardModel model(engine);
  REQUIRE(model.Bind(KeyboardLayout::kText, "张三", 10));
  Type(model, "lisi");
  REQUIRE_FALSE(model.Candidates().empty());
  REQUIRE(Press(model, "shift_lang").outcome == PressOutcome::kModeChanged);
  Type(model, "zh");
  Press(model, "shift_lang");
  Type(model, "li");

  model.Wipe();
  CHECK(model.Text().empty());
  CHECK(model.Composing().empty());
  CHECK(model.Candidates().empty());
  CHECK(engine.AllCandidates().empty());
  CHECK(model.ChineseMode());
  CHECK(model.Layout() == KeyboardLayout::kText);
  CHECK(FindKey(model, "candidate:0") == nullptr);
}
