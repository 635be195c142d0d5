// The SAM reader driver through a real pseudo-terminal against the
// emulator: the serial transport's line settings, every card, and each
// fault a line or a citizen produces, with the errors and the time they
// take.

#include <fcntl.h>
#include <termios.h>
#include <unistd.h>

#include <atomic>
#include <catch2/catch.hpp>
#include <condition_variable>
#include <mutex>
#include <thread>
#include <vector>

#include "drivers/id_card/sam_id_card_reader.h"
#include "drivers/id_card/serial_transport.h"
#include "drivers/id_card/sim_id_cards.h"
#include "tests/emulators/sam_emulator.h"

namespace kiosk::devices {
namespace {

using namespace std::chrono_literals;
using emulators::FaultPlan;
using emulators::SamFault;
using Clock = std::chrono::steady_clock;

const std::string kCardsFile = std::string(KIOSK_CONFIG_DIR) + "/sim/id_cards.json";

SamTimings TestTimings() {
  SamTimings timings;
  timings.answer_timeout = 300ms;
  timings.read_answer_timeout = 600ms;
  timings.write_timeout = 300ms;
  timings.poll_interval = 50ms;
  return timings;
}

const std::map<std::string, emulators::EmulatedIdCard>& People() {
  static const auto people = [] {
    auto loaded = emulators::LoadEmulatedIdCards(kCardsFile);
    REQUIRE(loaded);
    return *loaded;
  }();
  return people;
}

// An emulated reader on a fresh pty and the driver on its other end.
struct Rig {
  explicit Rig(SamTimings timings = TestTimings()) {
    auto pty = emulators::SamEmulator::OpenPty();
    REQUIRE(pty);
    emulator = std::move(*pty);
    auto transport = SerialTransport::Open(emulator->PortPath());
    REQUIRE(transport);
    reader = std::make_unique<SamIdCardReader>(std::move(*transport), timings);
  }
  void Place(const std::string& id) { emulator->PlaceCard(People().at(id)); }

  std::unique_ptr<emulators::SamEmulator> emulator;
  std::unique_ptr<SamIdCardReader> reader;
};

IdCardReadOptions Options(std::chrono::milliseconds timeout = 3s) {
  IdCardReadOptions options;
  options.timeout = timeout;
  return options;
}

std::chrono::milliseconds Since(Clock::time_point started) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - started);
}

TEST_CASE("the serial port is set to raw 115200 8N1 without flow control") {
  auto pty = emulators::SamEmulator::OpenPty();
  REQUIRE(pty);
  const std::string path = (*pty)->PortPath();
  auto transport = SerialTransport::Open(path);
  REQUIRE(transport);
  // Read the settings back from the line itself, through another descriptor.
  const int fd = ::open(path.c_str(), O_RDONLY | O_NOCTTY | O_NONBLOCK);
  termios settings{};
  if (fd >= 0) {
    ::tcgetattr(fd, &settings);
    ::close(fd);
  } else {
    // TIOCEXCL refuses a second open unless we are root; the transport's
    // own settings function says what was applied.
    settings = SamLineSettings(termios{}, B115200);
  }
  CHECK(::cfgetispeed(&settings) == B115200);
  CHECK(::cfgetospeed(&settings) == B115200);
  CHECK((settings.c_cflag & CSIZE) == CS8);
  CHECK((settings.c_cflag & PARENB) == 0);
  CHECK((settings.c_cflag & CSTOPB) == 0);
  CHECK((settings.c_cflag & CRTSCTS) == 0);
  CHECK((settings.c_cflag & CREAD) != 0);
  CHECK((settings.c_cflag & CLOCAL) != 0);
  CHECK((settings.c_lflag & (ICANON | ECHO | ISIG | IEXTEN)) == 0);
  CHECK((settings.c_iflag & (IXON | IXOFF | ICRNL | INLCR | ISTRIP)) == 0);
  CHECK((settings.c_oflag & OPOST) == 0);
  CHECK(settings.c_cc[VMIN] == 0);
  CHECK(settings.c_cc[VTIME] == 0);
}

TEST_CASE("opening what is not a serial port fails precisely") {
  CHECK(SerialTransport::Open("/nonexistent/ttyID0").error().code == ErrorCode::kNotFound);
  CHECK(SerialTransport::Open("/dev/null").error().code == ErrorCode::kInvalidArgument);
}

TEST_CASE("every test card reads over the line as the simulator holds it") {
  auto expected = LoadSimIdCards(kCardsFile);
  REQUIRE(expected);
  Rig rig;
  for (const auto& [id, person] : People()) {
    INFO(id);
    rig.emulator->PlaceCard(person);
    auto card = rig.reader->Read(Options());
    REQUIRE(card);
    const IdCard& want = expected->at(id);
    CHECK(card->name == want.name);
    CHECK(card->gender == want.gender);
    CHECK(card->nation == want.nation);
    CHECK(card->birth_date == want.birth_date);
    CHECK(card->address == want.address);
    CHECK(card->appended_address == want.appended_address);
    CHECK(card->id_number == want.id_number);
    CHECK(card->issuing_authority == want.issuing_authority);
    CHECK(card->valid_from == want.valid_from);
    CHECK(card->valid_to == want.valid_to);
    CHECK(card->photo.Bytes().size() == 1024);
    card->Wipe();
    rig.emulator->TakeCard();
  }
  CHECK(rig.reader->State() == DeviceState::kOnline);
  CHECK(rig.reader->LineStats().resends == 0);
  CHECK(rig.emulator->BadFramesReceived() == 0);
}

TEST_CASE("a bad checksum is retried once and the read succeeds") {
  Rig rig;
  rig.Place("zhang-wei");
  rig.emulator->SetFault({SamFault::kBadChecksum, 1, 0x3001});
  auto card = rig.reader->Read(Options());
  REQUIRE(card);
  CHECK(card->name == "张伟");
  CHECK(rig.reader->LineStats().resends == 1);
  CHECK(rig.reader->LineStats().corrupt_answers == 1);
  CHECK(rig.emulator->CommandsReceived(0x3001) == 2);
}

TEST_CASE("persistent bad checksums end the read with corrupt_answer") {
  Rig rig;
  rig.Place("zhang-wei");
  rig.emulator->SetFault({SamFault::kBadChecksum, -1, 0x3001});
  const auto started = Clock::now();
  auto card = rig.reader->Read(Options());
  REQUIRE_FALSE(card);
  CHECK(card.error().code == ErrorCode::kIo);
  CHECK(card.error().reason == "corrupt_answer");
  CHECK(rig.emulator->CommandsReceived(0x3001) == 2);
  CHECK(Since(started) < 1500ms);  // Detected at once, not by waiting.
}

TEST_CASE("the reader saying our frame was corrupt (SW3 10) makes us send it again") {
  Rig rig;
  rig.Place("li-na");
  rig.emulator->SetFault({SamFault::kChecksumErrorReply, 1, 0x2002});
  auto card = rig.reader->Read(Options());
  REQUIRE(card);
  CHECK(rig.emulator->CommandsReceived(0x2002) == 2);

  rig.emulator->SetFault({SamFault::kChecksumErrorReply, -1, 0x2002});
  auto refused = rig.reader->Read(Options());
  REQUIRE_FALSE(refused);
  CHECK(refused.error().code == ErrorCode::kIo);
  CHECK(refused.error().reason == "checksum_error");
}

TEST_CASE("a short frame is asked for again; persistent short frames time out") {
  Rig rig;
  rig.Place("chen-jie");
  rig.emulator->SetFault({SamFault::kShortFrame, 1, 0x3001});
  auto card = rig.reader->Read(Options());
  REQUIRE(card);
  CHECK(card->name == "陈杰");
  CHECK(rig.reader->LineStats().resends == 1);

  rig.emulator->SetFault({SamFault::kShortFrame, -1, 0x3001});
  const auto started = Clock::now();
  auto incomplete = rig.reader->Read(Options());
  REQUIRE_FALSE(incomplete);
  CHECK(incomplete.error().code == ErrorCode::kTimeout);
  CHECK(incomplete.error().reason == "incomplete_answer");
  // Two answer timeouts of 30 01 (600 ms each) and the steps before.
  CHECK(Since(started) < 2000ms);
}

TEST_CASE("noise before every answer's preamble is skipped") {
  Rig rig;
  rig.Place("zhao-min");
  rig.emulator->SetFault({SamFault::kNoise, -1, std::nullopt});
  auto card = rig.reader->Read(Options());
  REQUIRE(card);
  CHECK(card->name == "赵敏");
  CHECK(rig.reader->LineStats().noise_bytes > 0);
  CHECK(rig.reader->LineStats().resends == 0);
}

TEST_CASE("a card taken away mid-read ends with card_removed within a bounded time") {
  Rig rig;
  std::vector<IdCardEvent> events;
  std::mutex events_mutex;
  rig.reader->SetEventHandler([&](IdCardEvent event) {
    std::lock_guard lock(events_mutex);
    events.push_back(event);
  });
  rig.Place("huang-xiuying");
  rig.emulator->SetFault({SamFault::kRemovedDuringRead, 1, 0x3001});
  const auto started = Clock::now();
  auto card = rig.reader->Read(Options(10s));
  const auto took = Since(started);
  REQUIRE_FALSE(card);
  CHECK(card.error().code == ErrorCode::kDeviceNotReady);
  CHECK(card.error().reason == "card_removed");
  // The broken answer's timeout (600 ms), the resend, the presence check.
  CHECK(took < 2000ms);
  CHECK_FALSE(rig.emulator->CardPresent());
  std::lock_guard lock(events_mutex);
  CHECK(events == std::vector<IdCardEvent>{IdCardEvent::kTaken});
}

TEST_CASE("no card: no_card once the timeout has passed") {
  Rig rig;
  const auto started = Clock::now();
  auto card = rig.reader->Read(Options(400ms));
  const auto took = Since(started);
  REQUIRE_FALSE(card);
  CHECK(card.error().code == ErrorCode::kDeviceNotReady);
  CHECK(card.error().reason == "no_card");
  CHECK(took >= 300ms);
  CHECK(took < 1000ms);
  CHECK(rig.emulator->CommandsReceived(0x2001) >= 3);  // Polled, not asked once.
  CHECK(rig.emulator->CommandsReceived(0x2002) == 0);
}

TEST_CASE("a card placed while the read waits is read") {
  Rig rig;
  std::jthread citizen([&] {
    std::this_thread::sleep_for(200ms);
    rig.Place("unknown-person");
  });
  auto card = rig.reader->Read(Options(3s));
  REQUIRE(card);
  CHECK(card->name == "孙浩");
}

TEST_CASE("slow answers within the timeouts still read; slower ones time out") {
  Rig rig;
  rig.Place("ayi-gul");
  FaultPlan slow{SamFault::kSlowAnswers, -1, std::nullopt, 150ms};
  rig.emulator->SetFault(slow);
  auto card = rig.reader->Read(Options());
  REQUIRE(card);
  CHECK(card->name == "阿依古丽·买买提");
  CHECK(card->nation == "维吾尔");

  FaultPlan too_slow{SamFault::kSlowAnswers, -1, std::nullopt, 900ms};
  rig.emulator->SetFault(too_slow);
  const auto started = Clock::now();
  auto late = rig.reader->Read(Options());
  REQUIRE_FALSE(late);
  CHECK(late.error().code == ErrorCode::kTimeout);
  CHECK(Since(started) < 1500ms);
  CHECK(rig.reader->State() == DeviceState::kOffline);
}

TEST_CASE("authentication failures name which side refused") {
  const std::pair<std::uint8_t, const char*> cases[] = {
      {0x31, "card_rejected_sam"}, {0x32, "sam_rejected_card"}, {0x33, "verification_failed"}};
  Rig rig;
  rig.Place("zhang-wei");
  for (const auto& [status, reason] : cases) {
    FaultPlan plan{SamFault::kAuthentication, 1, 0x2002};
    plan.status = status;
    rig.emulator->SetFault(plan);
    auto card = rig.reader->Read(Options());
    REQUIRE_FALSE(card);
    CHECK(card.error().code == ErrorCode::kDevice);
    CHECK(card.error().reason == reason);
    CHECK_THAT(card.error().detail, Catch::Contains("select card (20 02)"));
  }
  CHECK(rig.reader->Read(Options()));
}

TEST_CASE("a silent reader is a timeout and shows offline") {
  Rig rig;
  rig.emulator->SetFault({SamFault::kSilent, -1, std::nullopt});
  auto card = rig.reader->Read(Options(2s));
  REQUIRE_FALSE(card);
  CHECK(card.error().code == ErrorCode::kTimeout);
  CHECK(card.error().reason == "no_answer");
  CHECK(rig.reader->State() == DeviceState::kOffline);
  CHECK(rig.reader->CheckSam(300ms).error().code == ErrorCode::kTimeout);
  rig.emulator->SetFault({});
  CHECK(rig.reader->CheckSam(300ms));
  CHECK(rig.reader->State() == DeviceState::kOnline);
}

TEST_CASE("a read waiting for a card is canceled at once") {
  Rig rig;
  std::stop_source stop;
  IdCardReadOptions options = Options(20s);
  options.stop = stop.get_token();
  std::jthread canceler([&] {
    std::this_thread::sleep_for(150ms);
    stop.request_stop();
  });
  const auto started = Clock::now();
  auto card = rig.reader->Read(options);
  REQUIRE_FALSE(card);
  CHECK(card.error().code == ErrorCode::kCanceled);
  CHECK(Since(started) < 1000ms);
}

TEST_CASE("a read waiting for a slow answer is canceled at once") {
  Rig rig;
  rig.Place("zhang-wei");
  rig.emulator->SetFault({SamFault::kSlowAnswers, -1, 0x3001, 5000ms});
  std::stop_source stop;
  IdCardReadOptions options = Options(20s);
  options.stop = stop.get_token();
  std::jthread canceler([&] {
    std::this_thread::sleep_for(200ms);
    stop.request_stop();
  });
  const auto started = Clock::now();
  auto card = rig.reader->Read(options);
  REQUIRE_FALSE(card);
  CHECK(card.error().code == ErrorCode::kCanceled);
  CHECK(Since(started) < 1000ms);
}

TEST_CASE("watching raises placed and taken as a citizen puts the card down and lifts it") {
  Rig rig;
  std::mutex mutex;
  std::condition_variable changed;
  std::vector<IdCardEvent> events;
  rig.reader->SetEventHandler([&](IdCardEvent event) {
    std::lock_guard lock(mutex);
    events.push_back(event);
    changed.notify_all();
  });
  rig.reader->StartWatching();
  auto wait_for = [&](std::size_t count) {
    std::unique_lock lock(mutex);
    return changed.wait_for(lock, 3s, [&] { return events.size() >= count; });
  };
  std::this_thread::sleep_for(150ms);  // The first poll learns "no card" silently.
  rig.Place("li-na");
  REQUIRE(wait_for(1));
  CHECK(rig.reader->CardPresent());
  // A read while watching: the polls pause and the read goes through.
  auto card = rig.reader->Read(Options());
  REQUIRE(card);
  rig.emulator->TakeCard();
  REQUIRE(wait_for(2));
  rig.reader->StopWatching();
  std::lock_guard lock(mutex);
  CHECK(events == std::vector<IdCardEvent>{IdCardEvent::kPlaced, IdCardEvent::kTaken});
  CHECK_FALSE(rig.reader->CardPresent());
}

TEST_CASE("a card without an appended address, and a reader without 30 03") {
  Rig rig;
  rig.Place("zhang-wei");
  IdCardReadOptions options = Options();
  auto card = rig.reader->Read(options);
  REQUIRE(card);
  CHECK(card->appended_address.empty());
  CHECK(rig.emulator->CommandsReceived(0x3003) == 1);
  options.appended_address = false;
  REQUIRE(rig.reader->Read(options));
  CHECK(rig.emulator->CommandsReceived(0x3003) == 1);
}

}  // namespace
}  // namespace kiosk::devices
