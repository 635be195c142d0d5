#include <catch2/catch.hpp>

#include "kiosk/core/validation/mask.h"
#include "kiosk/core/validation/utf8.h"

using namespace kiosk::validation;

TEST_CASE("utf8: decoding is strict") {
  CHECK(IsValidUtf8("张三 abc 𠈌"));
  CHECK(IsValidUtf8(""));
  CHECK_FALSE(IsValidUtf8("\x80"));
  CHECK_FALSE(IsValidUtf8("\xe0\x80\xaf"));  // Overlong.
  CHECK_FALSE(IsValidUtf8("\xed\xbf\xbf"));  // Surrogate.
  std::size_t pos = 0;
  char32_t code_point = 0;
  REQUIRE(DecodeNextCodePoint("𠈌", &pos, &code_point));
  CHECK(code_point == U'\U0002020C');
  CHECK(pos == 4);
  CHECK(CountCodePoints("张三abc") == 5);
}

TEST_CASE("utf8: trimming and full-width folding") {
  CHECK(TrimWhitespace("\u3000\u00a0 张三 \u2003") == "张三");
  CHECK(TrimWhitespace(" \t ").empty());
  CHECK(TrimWhitespace("a b") == "a b");
  CHECK(FoldFullWidth("１３８－００１３　Ｘｘ") == "138-0013 Xx");
  CHECK(FoldFullWidth("张三") == "张三");
  CHECK(FoldFullWidth("\xff") == "\xff");
  CHECK(CleanCodeInput(" ＋８６ ") == "+86");
}

TEST_CASE("mask: keeps the ends, never shows a short value whole") {
  CHECK(MaskMiddle("11010519491231002X", 3, 4) == "110***********002X");
  CHECK(MaskMiddle("6222020000000000000", 6, 4) == "622202*********0000");
  CHECK(MaskMiddle("张三丰", 1, 1) == "张*丰");
  CHECK(MaskMiddle("张三", 1, 1) == "**");
  CHECK(MaskMiddle("1234", 3, 4) == "****");
  CHECK(MaskMiddle("", 3, 4).empty());
}
