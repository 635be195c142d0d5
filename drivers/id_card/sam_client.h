#pragma once

// One SAM command at a time over a transport: frame it, send it, wait for
// its answer. The protocol's own recovery lives here: an exchange that was
// corrupted (the reader answered SW3 10 or 11, or its answer had a bad
// checksum, stopped part-way or never came) is sent once more. Anything
// received before a command is dropped first, so a late answer to an
// earlier command is never taken for this one's; an answer whose size
// cannot belong to this command is skipped for the same reason.

#include <chrono>
#include <cstddef>
#include <stop_token>

#include "common/error.h"
#include "drivers/id_card/sam_frame.h"
#include "drivers/id_card/sam_frame_parser.h"
#include "drivers/id_card/sam_status.h"
#include "drivers/id_card/sam_transport.h"

namespace kiosk::devices {

struct SamTimings {
  // How long a reader may take to answer find card, select and the SAM
  // commands, and to answer 30 01 / 30 03 (it reads the card first: about
  // a second on common readers).
  std::chrono::milliseconds answer_timeout{1000};
  std::chrono::milliseconds read_answer_timeout{3000};
  std::chrono::milliseconds write_timeout{500};
  // Between two find-card polls, in Read and while watching.
  std::chrono::milliseconds poll_interval{250};
};

// What happened on the line so far, for maintenance and the tests.
struct SamLineStats {
  std::size_t commands = 0;
  std::size_t resends = 0;
  std::size_t corrupt_answers = 0;  // Bad checksum or impossible length.
  std::size_t skipped_answers = 0;  // Answers that could not be this command's.
  std::size_t noise_bytes = 0;      // Skipped before a preamble.
};

class SamClient {
 public:
  using Clock = std::chrono::steady_clock;

  SamClient(SamTransport& transport, SamTimings timings);

  // The reader's answer to `command`, whatever its SW3 (the caller judges
  // it with sam::IsSuccess and sam::StatusError), or: kTimeout if no whole
  // answer came (twice) or the deadline passed, kIo if it was corrupt twice
  // (reason "corrupt_answer") or the reader received our frame corrupted
  // twice (SW3 10/11), kCanceled, or the transport's kIo. The answer's data
  // may hold personal data: the caller wipes it.
  Result<sam::Answer> Transact(sam::Command command, Clock::time_point deadline,
                               const std::stop_token& stop);

  const SamTimings& timings() const { return timings_; }
  const SamLineStats& stats() const { return stats_; }
  SamTransport& transport() { return transport_; }

 private:
  // Why one exchange gave no usable answer; decides whether to resend.
  struct Failure {
    Error error;
    bool resend = false;
  };
  Result<sam::Answer> ExchangeOnce(sam::Command command, Clock::time_point deadline,
                                   const std::stop_token& stop, Failure& failure);

  SamTransport& transport_;
  SamTimings timings_;
  sam::FrameParser parser_;
  SamLineStats stats_;
};

}  // namespace kiosk::devices
