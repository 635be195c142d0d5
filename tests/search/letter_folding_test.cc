#include "kiosk/core/search/letter_folding.h"

#include <catch2/catch.hpp>

#include "kiosk/core/search/utf8.h"

using namespace kiosk::search;

TEST_CASE("letters fold to the plain letter a citizen types") {
  CHECK(FoldLetter(U'a') == 'a');
  CHECK(FoldLetter(U'Q') == 'q');
  CHECK(FoldLetter(U'ｃ') == 'c');  // Full-width, as some input methods send.
  CHECK(FoldLetter(U'Ｚ') == 'z');
  CHECK(FoldLetter(U'ǎ') == 'a');
  CHECK(FoldLetter(U'ē') == 'e');
  CHECK(FoldLetter(U'ế') == 'e');
  CHECK(FoldLetter(U'ń') == 'n');
  CHECK(FoldLetter(U'ḿ') == 'm');
}

TEST_CASE("ü in every tone folds to v") {
  for (char32_t u : {U'ü', U'Ü', U'ǖ', U'ǘ', U'ǚ', U'ǜ'}) CHECK(FoldLetter(u) == 'v');
}

TEST_CASE("digits, hanzi and punctuation are not letters") {
  for (char32_t other : {U'1', U'行', U'·', U' ', U'（'}) CHECK(FoldLetter(other) == '\0');
  CHECK(IsCombiningMark(0x0300));
  CHECK_FALSE(IsCombiningMark(U'a'));
}

TEST_CASE("utf-8 decodes to code points and encodes back") {
  const std::u32string decoded = DecodeUtf8("社保a𠀀");
  REQUIRE(decoded.size() == 4);
  CHECK(decoded[0] == U'社');
  CHECK(decoded[2] == U'a');
  CHECK(decoded[3] == 0x20000);
  std::string encoded;
  for (char32_t code_point : decoded) AppendUtf8(encoded, code_point);
  CHECK(encoded == "社保a𠀀");
}

TEST_CASE("broken utf-8 becomes replacement characters instead of failing") {
  CHECK(DecodeUtf8("a\xFF"
                   "b") == std::u32string{U'a', 0xFFFD, U'b'});
  CHECK(DecodeUtf8("\xE7\xA4") == std::u32string{0xFFFD});          // Truncated 社.
  CHECK(DecodeUtf8("\xC0\xAF") == std::u32string{0xFFFD, 0xFFFD});  // Overlong '/'.
  CHECK(DecodeUtf8("\xED\xA0\x80").front() == char32_t{0xFFFD});    // A surrogate.
}
