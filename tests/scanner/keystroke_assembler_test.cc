// The key-code to text assembly of keyboard-wedge scanners, fed recorded
// input_event sequences (no /dev/uinput on the test machines, so no kernel
// device: evdev_scanner_test.cc sends the same sequences through a pipe).

#include "drivers/scanner/keystroke_assembler.h"

#include <catch2/catch.hpp>

#include "drivers/scanner/scan_payload.h"
#include "tests/scanner/keystroke_script.h"

namespace kiosk::devices {
namespace {

using testing::KeystrokeScript;

std::vector<AssembledScan> Feed(KeystrokeAssembler& assembler, const KeystrokeScript& script,
                                bool flush_at_end = true) {
  std::vector<AssembledScan> scans;
  for (const input_event& event : script.Events()) {
    KeyInput input;
    input.type = event.type;
    input.code = event.code;
    input.value = event.value;
    input.time = std::chrono::seconds(event.input_event_sec) +
                 std::chrono::microseconds(event.input_event_usec);
    if (auto scan = assembler.OnEvent(input)) scans.push_back(std::move(*scan));
  }
  if (flush_at_end) {
    if (auto scan = assembler.Flush()) scans.push_back(std::move(*scan));
  }
  return scans;
}

const std::string kLicence = "https://www.gdzwfw.gov.cn/ymtx/yyzz?uscc=91440300557193620Y&v=1";

TEST_CASE("a licence URL typed with shift and ended by Enter is one scan") {
  KeystrokeAssembler assembler;
  auto scans = Feed(assembler, KeystrokeScript().Type(kLicence).Key(KEY_ENTER),
                    /*flush_at_end=*/false);
  REQUIRE(scans.size() == 1);
  CHECK(scans[0].text == kLicence);
  CHECK_FALSE(scans[0].problem.has_value());
  CHECK_FALSE(assembler.Pending());
}

TEST_CASE("every printable ASCII character of the US layout comes through") {
  KeystrokeAssembler assembler;
  const std::string text = "AZaz09:;/?.=&-_ !#%]\"~|";
  auto scans = Feed(assembler, KeystrokeScript().Type(text).Key(KEY_KPENTER));
  REQUIRE(scans.size() == 1);
  CHECK(scans[0].text == text);
}

TEST_CASE("right shift keypad digits and Caps Lock") {
  KeystrokeAssembler assembler;
  KeystrokeScript script;
  script.Press(KEY_RIGHTSHIFT).Key(KEY_E).Release(KEY_RIGHTSHIFT);
  script.Key(KEY_KP1).Key(KEY_KPDOT).Key(KEY_KPMINUS);
  // With Caps Lock on, a scanner that does not know sends a plain key for a
  // capital and gets a capital; shift then gives lower case. Digits keep.
  script.Key(KEY_CAPSLOCK).Key(KEY_A).Press(KEY_LEFTSHIFT).Key(KEY_B).Key(KEY_1);
  script.Release(KEY_LEFTSHIFT).Key(KEY_CAPSLOCK).Key(KEY_C).Key(KEY_ENTER);
  auto scans = Feed(assembler, script);
  REQUIRE(scans.size() == 1);
  CHECK(scans[0].text == "E1.-Ab!c");
}

TEST_CASE("Tab as the configured terminator - Enter is then a character the classifier refuses") {
  KeystrokeOptions options;
  options.terminators = {KEY_TAB};
  KeystrokeAssembler assembler(options);
  auto scans = Feed(
      assembler,
      KeystrokeScript().Type("abc").Key(KEY_TAB).Type("de").Key(KEY_ENTER).Type("f").Key(KEY_TAB));
  REQUIRE(scans.size() == 2);
  CHECK(scans[0].text == "abc");
  CHECK(scans[1].text == "de\rf");
  CHECK(ClassifyScanPayload(scans[1].text).error().reason == scan_reason::kControlCharacter);
}

TEST_CASE("without a terminator a pause longer than the inter-key timeout ends each scan") {
  KeystrokeOptions options;
  options.terminators = {};
  options.inter_key_timeout = std::chrono::milliseconds(50);
  KeystrokeAssembler assembler(options);
  KeystrokeScript script;
  script.Type("FIRST").Pause(std::chrono::milliseconds(49)).Type("STILL");
  script.Pause(std::chrono::milliseconds(120)).Type("SECOND");
  auto scans = Feed(assembler, script, /*flush_at_end=*/false);
  REQUIRE(scans.size() == 1);
  CHECK(scans[0].text == "FIRSTSTILL");
  CHECK(assembler.Pending());
  auto last = assembler.Flush();  // The reader calls this when the line stays quiet.
  REQUIRE(last.has_value());
  CHECK(last->text == "SECOND");
  CHECK_FALSE(assembler.Flush().has_value());
}

TEST_CASE("a pause ends a scan even when Enter is the terminator (a scan that lost its Enter)") {
  KeystrokeAssembler assembler;
  KeystrokeScript script;
  script.Type("LOST").Pause(std::chrono::milliseconds(300)).Type("NEXT").Key(KEY_ENTER);
  auto scans = Feed(assembler, script);
  REQUIRE(scans.size() == 2);
  CHECK(scans[0].text == "LOST");
  CHECK(scans[1].text == "NEXT");
}

TEST_CASE("stray Enters releases and auto-repeat are not scans") {
  KeystrokeAssembler assembler;
  KeystrokeScript script;
  script.Key(KEY_ENTER).Key(KEY_ENTER).Key(KEY_NUMLOCK);
  script.Type("x").Raw(EV_KEY, KEY_Y, 2).Key(KEY_ENTER);
  auto scans = Feed(assembler, script);
  REQUIRE(scans.size() == 1);
  CHECK(scans[0].text == "x");
}

TEST_CASE("a key with no character makes the scan incomplete not shorter") {
  KeystrokeAssembler assembler;
  auto scans = Feed(assembler, KeystrokeScript().Type("ab").Key(KEY_F1).Type("c").Key(KEY_ENTER));
  REQUIRE(scans.size() == 1);
  REQUIRE(scans[0].problem.has_value());
  CHECK(scans[0].problem->reason == scan_reason::kIncompleteScan);
  CHECK(scans[0].problem->detail == "key code 59 types no character on the US layout");
  // The next scan starts clean.
  auto next = Feed(assembler, KeystrokeScript(5'000'000).Type("ok").Key(KEY_ENTER));
  REQUIRE(next.size() == 1);
  CHECK(next[0].text == "ok");
  CHECK_FALSE(next[0].problem.has_value());
}

TEST_CASE("events dropped by the kernel spoil the scan in progress") {
  KeystrokeAssembler assembler;
  KeystrokeScript script;
  script.Press(KEY_LEFTSHIFT).Type("a").Raw(EV_SYN, SYN_DROPPED, 0).Type("b").Key(KEY_ENTER);
  auto scans = Feed(assembler, script);
  REQUIRE(scans.size() == 1);
  REQUIRE(scans[0].problem.has_value());
  CHECK(scans[0].problem->detail.find("SYN_DROPPED") != std::string::npos);
  // The shift held before the drop is forgotten.
  CHECK(scans[0].text == "Ab");
}

TEST_CASE("Ctrl+right-bracket (a GS1 group separator) becomes 0x1D which the classifier refuses") {
  KeystrokeAssembler assembler;
  KeystrokeScript script;
  script.Type("01").Press(KEY_LEFTCTRL).Key(KEY_RIGHTBRACE).Release(KEY_LEFTCTRL).Type("21");
  auto scans = Feed(assembler, script.Key(KEY_ENTER));
  REQUIRE(scans.size() == 1);
  CHECK(scans[0].text == std::string("01\x1D"
                                     "21"));
  CHECK(ClassifyScanPayload(scans[0].text).error().reason == scan_reason::kControlCharacter);
}

TEST_CASE("Alt+keypad character codes are refused with a hint") {
  KeystrokeAssembler assembler;
  KeystrokeScript script;
  script.Press(KEY_LEFTALT).Key(KEY_KP0).Key(KEY_KP1).Release(KEY_LEFTALT).Key(KEY_ENTER);
  auto scans = Feed(assembler, script);
  REQUIRE(scans.size() == 1);
  REQUIRE(scans[0].problem.has_value());
  CHECK(scans[0].problem->detail.find("Alt") != std::string::npos);
}

TEST_CASE("a scan longer than the assembler keeps is refused as too long") {
  KeystrokeAssembler assembler;
  KeystrokeScript script(1'000'000, 1);
  for (std::size_t i = 0; i < KeystrokeAssembler::kMaxBytes / 16 + 1; ++i)
    script.Type("abcdefghijklmnop");
  auto scans = Feed(assembler, script.Key(KEY_ENTER));
  REQUIRE(scans.size() == 1);
  CHECK(scans[0].text.size() == KeystrokeAssembler::kMaxBytes);
  REQUIRE(scans[0].problem.has_value());
  CHECK(scans[0].problem->reason == scan_reason::kTooLong);
}

}  // namespace
}  // namespace kiosk::devices
