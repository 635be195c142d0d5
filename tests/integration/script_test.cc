#include "ui/script/script.h"

#include <catch2/catch.hpp>

using namespace kiosk;
using namespace kiosk::ui;
using Kind = ScriptCommand::Kind;

TEST_CASE("replay scripts parse every command") {
  auto script = ParseScript(R"(
    # a comment
    tap guide.start
    tap 960 540   # coordinates
    wait 500ms
    wait-screen result 5s
    expect-screen home
    screenshot shots/a.png
    card insert zhang-wei
    printer paper out
    advance-clock 61s
    log hello there
    quit
  )");
  REQUIRE(script);
  REQUIRE(script->size() == 11);
  CHECK((*script)[0].kind == Kind::kTapButton);
  CHECK((*script)[1].kind == Kind::kTapAt);
  CHECK((*script)[1].x == 960);
  CHECK((*script)[2].duration == std::chrono::milliseconds(500));
  CHECK((*script)[3].duration == std::chrono::seconds(5));
  CHECK((*script)[6].args == std::vector<std::string>{"card", "insert", "zhang-wei"});
  CHECK((*script)[8].duration == std::chrono::seconds(61));
  CHECK((*script)[3].line == 6);
}

TEST_CASE("field and search take the rest of the line as their text") {
  auto script =
      ParseScript("field address 广东省中山市 石岐区 1 号\nfield phone\nsearch cbcx\nsearch\n");
  REQUIRE(script);
  REQUIRE(script->size() == 4);
  CHECK((*script)[0].kind == Kind::kField);
  CHECK((*script)[0].args == std::vector<std::string>{"address", "广东省中山市 石岐区 1 号"});
  CHECK((*script)[1].args == std::vector<std::string>{"phone", ""});
  CHECK((*script)[2].kind == Kind::kSearch);
  CHECK((*script)[2].args == std::vector<std::string>{"cbcx"});
  CHECK((*script)[3].args == std::vector<std::string>{""});
  CHECK_FALSE(ParseScript("field"));
}

TEST_CASE("drag takes a button, a distance and an optional duration") {
  auto script = ParseScript("drag item:a 0 -320\ndrag item:b 10 20 1s\n");
  REQUIRE(script);
  REQUIRE(script->size() == 2);
  CHECK((*script)[0].kind == Kind::kDrag);
  CHECK((*script)[0].args[0] == "item:a");
  CHECK((*script)[0].y == -320);
  CHECK((*script)[0].duration == std::chrono::milliseconds(300));
  CHECK((*script)[1].x == 10);
  CHECK((*script)[1].duration == std::chrono::seconds(1));
  CHECK_FALSE(ParseScript("drag item:a 0"));
  CHECK_FALSE(ParseScript("drag item:a up down"));
  CHECK_FALSE(ParseScript("drag item:a 0 1 soon"));
}

TEST_CASE("the benchmark commands take a count") {
  auto script = ParseScript("measure-frames 120\nmeasure-touch home.contrast 60\n");
  REQUIRE(script);
  CHECK((*script)[0].kind == Kind::kMeasureFrames);
  CHECK((*script)[1].kind == Kind::kMeasureTouch);
  CHECK((*script)[1].args == std::vector<std::string>{"home.contrast", "60"});
  CHECK_FALSE(ParseScript("measure-frames"));
  CHECK_FALSE(ParseScript("measure-frames 0"));
  CHECK_FALSE(ParseScript("measure-frames many"));
  CHECK_FALSE(ParseScript("measure-touch 5"));
}

TEST_CASE("hang takes one duration (the watchdog's test)") {
  auto script = ParseScript("hang 5s\n");
  REQUIRE(script);
  CHECK((*script)[0].kind == Kind::kHang);
  CHECK((*script)[0].duration == std::chrono::seconds(5));
  CHECK_FALSE(ParseScript("hang"));
  CHECK_FALSE(ParseScript("hang 5"));
  CHECK_FALSE(ParseScript("hang 1s 2s"));
}

TEST_CASE("bad script lines are refused with their line number") {
  auto unknown = ParseScript("tap a\nfly away\n");
  REQUIRE_FALSE(unknown);
  CHECK(unknown.error().detail.find("line 2") != std::string::npos);
  CHECK_FALSE(ParseScript("wait 5"));
  CHECK_FALSE(ParseScript("wait 5parsecs"));
  CHECK_FALSE(ParseScript("tap 1 2 3"));
  CHECK_FALSE(ParseScript("card"));
  CHECK_FALSE(ParseScript("screenshot"));
}

TEST_CASE("durations") {
  CHECK(*ParseDuration("1.5s") == std::chrono::milliseconds(1500));
  CHECK(*ParseDuration("2m") == std::chrono::minutes(2));
  CHECK_FALSE(ParseDuration("ms"));
}
