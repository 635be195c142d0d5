#include "drivers/id_card/sam_client.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>

#include "common/log.h"
#include "drivers/id_card/id_card_text.h"
#include "drivers/id_card/wipe_bytes.h"

namespace kiosk::devices {
namespace {

using std::chrono::milliseconds;

milliseconds Until(SamClient::Clock::time_point deadline) {
  return std::max(milliseconds(0),
                  std::chrono::ceil<milliseconds>(deadline - SamClient::Clock::now()));
}

bool IsReadCommand(sam::Command command) {
  return command == sam::Command::kReadTextAndPhoto ||
         command == sam::Command::kReadAppendedAddress;
}

// Whether `answer` can be the answer to `command`: the text and photo come
// only with 30 01, and nothing else answers with more than a few bytes.
bool Fits(sam::Command command, const sam::Answer& answer) {
  if (command == sam::Command::kReadTextAndPhoto) {
    return answer.sw3 != sam::sw3::kOk || answer.data.size() >= 4 + kCardTextBytes;
  }
  return answer.data.size() <= 80;
}

}  // namespace

SamClient::SamClient(SamTransport& transport, SamTimings timings)
    : transport_(transport), timings_(timings) {}

Result<sam::Answer> SamClient::Transact(sam::Command command, Clock::time_point deadline,
                                        const std::stop_token& stop) {
  ++stats_.commands;
  Failure failure;
  for (int attempt = 0; attempt < 2; ++attempt) {
    if (attempt > 0) {
      ++stats_.resends;
      log::Warning("id_card", "{}; sending it again", failure.error.detail);
    }
    failure = Failure{};
    auto answer = ExchangeOnce(command, deadline, stop, failure);
    if (answer) return answer;
    if (!failure.resend || Clock::now() >= deadline) break;
    if (attempt == 1) failure.error.detail += " (after sending it twice)";
  }
  return std::unexpected(failure.error);
}

Result<sam::Answer> SamClient::ExchangeOnce(sam::Command command, Clock::time_point deadline,
                                            const std::stop_token& stop, Failure& failure) {
  auto fail = [&](Error error, bool resend) {
    failure = Failure{error, resend};
    return std::unexpected(std::move(error));
  };
  if (stop.stop_requested()) {
    return fail(Error(ErrorCode::kCanceled, fmt::format("{} canceled", sam::CommandName(command))),
                false);
  }
  if (Clock::now() >= deadline) {
    return fail(Error(ErrorCode::kTimeout,
                      fmt::format("no time left to send {}", sam::CommandName(command))),
                false);
  }
  transport_.DiscardInput();
  parser_.Reset();
  auto frame = sam::EncodeRequest(sam::MakeRequest(command));
  if (!frame) return fail(frame.error(), false);
  auto written = transport_.Write(*frame, std::min(timings_.write_timeout, Until(deadline)), stop);
  if (!written) return fail(written.error(), false);

  const auto answer_deadline =
      std::min(deadline, Clock::now() + (IsReadCommand(command) ? timings_.read_answer_timeout
                                                                : timings_.answer_timeout));
  const auto waited = std::chrono::duration_cast<milliseconds>(answer_deadline - Clock::now());
  const std::size_t noise_before = parser_.NoiseSkipped();
  bool saw_bad_length = false;
  std::array<std::uint8_t, 512> chunk{};
  while (true) {
    while (auto event = parser_.Next()) {
      if (event->kind == sam::ParseEventKind::kBadChecksum) {
        // The reader sends one answer per command: this one is lost.
        ++stats_.corrupt_answers;
        stats_.noise_bytes += parser_.NoiseSkipped() - noise_before;
        WipeMemory(chunk.data(), chunk.size());
        return fail(Error(ErrorCode::kIo,
                          fmt::format("the answer to {} from {} had a bad checksum",
                                      sam::CommandName(command), transport_.Describe()),
                          "corrupt_answer"),
                    true);
      }
      if (event->kind == sam::ParseEventKind::kBadLength) {
        // Likely noise that looked like a preamble; the answer may follow.
        ++stats_.corrupt_answers;
        saw_bad_length = true;
        continue;
      }
      auto answer = sam::DecodeAnswer(event->body);
      WipeBytes(event->body);
      if (!answer) {
        ++stats_.corrupt_answers;
        saw_bad_length = true;
        continue;
      }
      if (!Fits(command, *answer)) {
        ++stats_.skipped_answers;
        WipeBytes(answer->data);
        continue;
      }
      stats_.noise_bytes += parser_.NoiseSkipped() - noise_before;
      WipeMemory(chunk.data(), chunk.size());
      if (answer->sw3 == sam::sw3::kChecksumError || answer->sw3 == sam::sw3::kLengthError) {
        return fail(sam::StatusError(command, answer->sw3), true);
      }
      return *std::move(answer);
    }
    if (Clock::now() >= answer_deadline) break;
    auto count = transport_.Read(chunk, Until(answer_deadline), stop);
    if (!count) return fail(count.error(), false);
    if (*count == 0) break;
    parser_.Feed(std::span(chunk).first(*count));
  }
  WipeMemory(chunk.data(), chunk.size());
  stats_.noise_bytes += parser_.NoiseSkipped() - noise_before;
  if (parser_.HoldsPartialFrame()) {
    const std::size_t held = parser_.BytesHeld();
    parser_.Reset();
    return fail(Error(ErrorCode::kTimeout,
                      fmt::format("the answer to {} from {} stopped after {} bytes",
                                  sam::CommandName(command), transport_.Describe(), held),
                      "incomplete_answer"),
                true);
  }
  if (saw_bad_length) {
    return fail(Error(ErrorCode::kIo,
                      fmt::format("the answer to {} from {} was garbled", sam::CommandName(command),
                                  transport_.Describe()),
                      "corrupt_answer"),
                true);
  }
  return fail(Error(ErrorCode::kTimeout,
                    fmt::format("{} did not answer {} within {} ms", transport_.Describe(),
                                sam::CommandName(command), waited.count()),
                    "no_answer"),
              true);
}

}  // namespace kiosk::devices
