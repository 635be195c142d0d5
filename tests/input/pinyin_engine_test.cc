#include "kiosk/core/input/pinyin_engine.h"

#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "kiosk/core/input/fake_pinyin_engine.h"

using namespace kiosk;
using namespace kiosk::input;

namespace {

std::vector<std::string> Page(const PinyinEngine& engine) {
  return {engine.PageCandidates().begin(), engine.PageCandidates().end()};
}

}  // namespace

TEST_CASE("the fake engine offers the longest match first and choosing leaves the rest") {
  FakePinyinEngine engine;
  REQUIRE(engine.SetInput("zhangsan"));
  CHECK(Page(engine) == std::vector<std::string>{"张三", "张", "章", "长"});

  Result<PinyinChoice> choice = engine.Choose(1);
  REQUIRE(choice);
  CHECK(choice->committed == "张");
  CHECK(choice->remaining == "san");
  CHECK(engine.Input() == "san");
  CHECK(Page(engine) == std::vector<std::string>{"三", "伞"});

  choice = engine.Choose(0);
  REQUIRE(choice);
  CHECK(choice->committed == "三");
  CHECK(choice->remaining.empty());
  CHECK(engine.Input().empty());
  CHECK(engine.AllCandidates().empty());
}

TEST_CASE("paging walks the candidates by the caller's page size") {
  FakePinyinEngine engine;
  engine.SetPageSize(4);
  REQUIRE(engine.SetInput("li"));
  REQUIRE(engine.AllCandidates().size() == 11);  // Ten for "li", one for "l".
  CHECK(engine.PageCount() == 3);
  CHECK_FALSE(engine.HasPreviousPage());
  CHECK_FALSE(engine.PreviousPage());
  CHECK(Page(engine) == std::vector<std::string>{"李", "里", "理", "力"});

  CHECK(engine.NextPage());
  CHECK(Page(engine) == std::vector<std::string>{"立", "利", "例", "丽"});
  CHECK(engine.NextPage());
  CHECK(Page(engine) == std::vector<std::string>{"礼", "历", "了"});
  CHECK_FALSE(engine.HasNextPage());
  CHECK_FALSE(engine.NextPage());

  // Choosing on a later page picks from that page.
  Result<PinyinChoice> choice = engine.Choose(2);
  REQUIRE(choice);
  CHECK(choice->committed == "了");
  CHECK(choice->remaining == "i");
  CHECK(engine.PageIndex() == 0);

  CHECK(engine.SetInput("li"));
  CHECK(engine.NextPage());
  CHECK(engine.PreviousPage());
  CHECK(Page(engine) == std::vector<std::string>{"李", "里", "理", "力"});
}

TEST_CASE("the engine refuses what is not pinyin and keeps its state") {
  FakePinyinEngine engine;
  REQUIRE(engine.SetInput("ni"));
  CHECK(engine.SetInput("Ni").error().code == ErrorCode::kInvalidArgument);
  CHECK(engine.SetInput("ni3").error().code == ErrorCode::kInvalidArgument);
  CHECK(engine.SetInput(std::string(PinyinEngine::kMaxInputLetters + 1, 'a')).error().code ==
        ErrorCode::kInvalidArgument);
  CHECK(engine.Input() == "ni");

  engine.FailNextLookup();
  CHECK(engine.SetInput("nihao").error().code == ErrorCode::kInternal);
  CHECK(engine.Input() == "ni");
  CHECK(engine.PageCandidates().size() == 2);

  CHECK(engine.Choose(5).error().code == ErrorCode::kInvalidArgument);
  CHECK(engine.Input() == "ni");
}

TEST_CASE("a separator after a chosen syllable is dropped from the rest") {
  FakePinyinEngine engine;
  REQUIRE(engine.SetInput("ni'hao"));
  Result<PinyinChoice> choice = engine.Choose(0);
  REQUIRE(choice);
  CHECK(choice->committed == "你");
  CHECK(choice->remaining == "hao");
}

TEST_CASE("Reset forgets the input and the candidates") {
  FakePinyinEngine engine;
  REQUIRE(engine.SetInput("zhangsan"));
  engine.Reset();
  CHECK(engine.Input().empty());
  CHECK(engine.AllCandidates().empty());
  CHECK(engine.PageCandidates().empty());
  CHECK(engine.PageCount() == 0);
}
