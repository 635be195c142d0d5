#include "drivers/id_card/sam_client.h"

#include <catch2/catch.hpp>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <thread>
#include <vector>

#include "drivers/id_card/id_card_text.h"

namespace kiosk::devices {
namespace {

using Bytes = std::vector<std::uint8_t>;
using namespace std::chrono_literals;

// A transport whose answers the test scripts: each Write delivers the next
// scripted reply (a list of chunks, as reads would return them).
class ScriptedTransport final : public SamTransport {
 public:
  void Script(std::vector<Bytes> reply) {
    std::lock_guard lock(mutex_);
    replies_.push_back(std::move(reply));
  }
  int Writes() const {
    std::lock_guard lock(mutex_);
    return writes_;
  }

  Result<void> Write(std::span<const std::uint8_t>, std::chrono::milliseconds,
                     std::stop_token) override {
    std::lock_guard lock(mutex_);
    ++writes_;
    if (!replies_.empty()) {
      for (auto& chunk : replies_.front()) incoming_.push_back(chunk);
      replies_.pop_front();
    }
    ready_.notify_all();
    return {};
  }
  Result<std::size_t> Read(std::span<std::uint8_t> buffer, std::chrono::milliseconds timeout,
                           std::stop_token stop) override {
    std::unique_lock lock(mutex_);
    if (!ready_.wait_for(lock, stop, timeout, [this] { return !incoming_.empty(); })) {
      if (stop.stop_requested()) return Fail(ErrorCode::kCanceled, "canceled");
      return 0;
    }
    Bytes& chunk = incoming_.front();
    const std::size_t count = std::min(buffer.size(), chunk.size());
    std::copy_n(chunk.begin(), count, buffer.begin());
    chunk.erase(chunk.begin(), chunk.begin() + static_cast<std::ptrdiff_t>(count));
    if (chunk.empty()) incoming_.pop_front();
    return count;
  }
  void DiscardInput() override {
    std::lock_guard lock(mutex_);
    incoming_.clear();
  }
  std::string Describe() const override { return "scripted"; }

 private:
  mutable std::mutex mutex_;
  std::condition_variable_any ready_;
  std::deque<std::vector<Bytes>> replies_;
  std::deque<Bytes> incoming_;
  int writes_ = 0;
};

Bytes AnswerFrame(std::uint8_t status, Bytes data = {}) {
  auto frame = sam::EncodeAnswer(sam::Answer{0x00, 0x00, status, std::move(data)});
  REQUIRE(frame);
  return *frame;
}

Bytes Corrupted(Bytes frame) {
  frame.back() ^= 0xFF;
  return frame;
}

SamTimings Quick() {
  SamTimings timings;
  timings.answer_timeout = 150ms;
  timings.read_answer_timeout = 300ms;
  return timings;
}

auto Deadline(std::chrono::milliseconds in = 5s) { return SamClient::Clock::now() + in; }

TEST_CASE("an answer in pieces is put together") {
  ScriptedTransport transport;
  const Bytes frame = AnswerFrame(0x9F, {0, 0, 0, 0});
  transport.Script(
      {Bytes(frame.begin(), frame.begin() + 4), Bytes(frame.begin() + 4, frame.end())});
  SamClient client(transport, Quick());
  auto answer = client.Transact(sam::Command::kFindCard, Deadline(), {});
  REQUIRE(answer);
  CHECK(answer->sw3 == 0x9F);
  CHECK(transport.Writes() == 1);
}

TEST_CASE("a corrupt answer is asked for once more") {
  ScriptedTransport transport;
  transport.Script({Corrupted(AnswerFrame(0x9F, {0, 0, 0, 0}))});
  transport.Script({AnswerFrame(0x9F, {0, 0, 0, 0})});
  SamClient client(transport, Quick());
  auto answer = client.Transact(sam::Command::kFindCard, Deadline(), {});
  REQUIRE(answer);
  CHECK(transport.Writes() == 2);
  CHECK(client.stats().resends == 1);
  CHECK(client.stats().corrupt_answers == 1);
}

TEST_CASE("two corrupt answers end in kIo, corrupt_answer") {
  ScriptedTransport transport;
  transport.Script({Corrupted(AnswerFrame(0x90))});
  transport.Script({Corrupted(AnswerFrame(0x90))});
  transport.Script({AnswerFrame(0x90)});  // Never asked for.
  SamClient client(transport, Quick());
  auto answer = client.Transact(sam::Command::kSelectCard, Deadline(), {});
  REQUIRE_FALSE(answer);
  CHECK(answer.error().code == ErrorCode::kIo);
  CHECK(answer.error().reason == "corrupt_answer");
  CHECK_THAT(answer.error().detail, Catch::Contains("after sending it twice"));
  CHECK(transport.Writes() == 2);
}

TEST_CASE("SW3 10 from the reader makes the client send its frame again") {
  ScriptedTransport transport;
  transport.Script({AnswerFrame(0x10)});
  transport.Script({AnswerFrame(0x90)});
  SamClient client(transport, Quick());
  auto answer = client.Transact(sam::Command::kSamStatus, Deadline(), {});
  REQUIRE(answer);
  CHECK(answer->sw3 == 0x90);
  CHECK(transport.Writes() == 2);

  ScriptedTransport persistent;
  persistent.Script({AnswerFrame(0x10)});
  persistent.Script({AnswerFrame(0x11)});
  SamClient failing(persistent, Quick());
  auto refused = failing.Transact(sam::Command::kSamStatus, Deadline(), {});
  REQUIRE_FALSE(refused);
  CHECK(refused.error().reason == "length_error");
  CHECK(refused.error().code == ErrorCode::kIo);
}

TEST_CASE("silence is a timeout after one resend, within the answer timeouts") {
  ScriptedTransport transport;
  SamClient client(transport, Quick());
  const auto started = SamClient::Clock::now();
  auto answer = client.Transact(sam::Command::kFindCard, Deadline(), {});
  const auto took = SamClient::Clock::now() - started;
  REQUIRE_FALSE(answer);
  CHECK(answer.error().code == ErrorCode::kTimeout);
  CHECK(answer.error().reason == "no_answer");
  CHECK(transport.Writes() == 2);
  CHECK(took >= 300ms);
  CHECK(took < 1s);
}

TEST_CASE("an answer that stops part-way is incomplete and asked for again") {
  ScriptedTransport transport;
  Bytes frame = AnswerFrame(0x90, Bytes(8, 0));
  frame.resize(10);
  transport.Script({frame});
  transport.Script({AnswerFrame(0x90, Bytes(8, 0))});
  SamClient client(transport, Quick());
  auto answer = client.Transact(sam::Command::kSelectCard, Deadline(), {});
  REQUIRE(answer);
  CHECK(transport.Writes() == 2);
}

TEST_CASE("a late answer to an earlier command is not taken for the text") {
  ScriptedTransport transport;
  Bytes text_answer_data = {0x01, 0x00, 0x04, 0x00};
  text_answer_data.resize(4 + kCardTextBytes + kCardPhotoBytes, 0x20);
  // The select answer that came late, then the real answer.
  transport.Script({AnswerFrame(0x90, Bytes(8, 0)), AnswerFrame(0x90, text_answer_data)});
  SamClient client(transport, Quick());
  auto answer = client.Transact(sam::Command::kReadTextAndPhoto, Deadline(), {});
  REQUIRE(answer);
  CHECK(answer->data.size() == text_answer_data.size());
  CHECK(client.stats().skipped_answers == 1);
  CHECK(transport.Writes() == 1);
}

TEST_CASE("a stop request ends the wait at once") {
  ScriptedTransport transport;
  SamTimings slow;
  slow.answer_timeout = 10s;
  SamClient client(transport, slow);
  std::stop_source stop;
  std::jthread canceler([&] {
    std::this_thread::sleep_for(100ms);
    stop.request_stop();
  });
  const auto started = SamClient::Clock::now();
  auto answer = client.Transact(sam::Command::kFindCard, Deadline(20s), stop.get_token());
  REQUIRE_FALSE(answer);
  CHECK(answer.error().code == ErrorCode::kCanceled);
  CHECK(SamClient::Clock::now() - started < 2s);
}

TEST_CASE("the overall deadline caps the answer timeout") {
  ScriptedTransport transport;
  SamTimings slow;
  slow.answer_timeout = 10s;
  SamClient client(transport, slow);
  const auto started = SamClient::Clock::now();
  auto answer = client.Transact(sam::Command::kFindCard, Deadline(200ms), {});
  REQUIRE_FALSE(answer);
  CHECK(answer.error().code == ErrorCode::kTimeout);
  CHECK(SamClient::Clock::now() - started < 1s);
}

}  // namespace
}  // namespace kiosk::devices
