#include "drivers/id_card/sam_id_card_reader.h"

#include "common/log.h"
#include "drivers/id_card/id_card_text.h"
#include "drivers/id_card/wipe_bytes.h"

namespace kiosk::devices {

const char* ToString(IdCardEvent event) {
  switch (event) {
    case IdCardEvent::kPlaced: return "placed";
    case IdCardEvent::kTaken: return "taken";
  }
  return "unknown";
}

SamIdCardReader::SamIdCardReader(std::unique_ptr<SamTransport> transport, SamTimings timings)
    : transport_(std::move(transport)), client_(*transport_, timings) {}

SamIdCardReader::~SamIdCardReader() { StopWatching(); }

DeviceState SamIdCardReader::State() const {
  std::lock_guard lock(state_mutex_);
  return reading_ && state_ == DeviceState::kOnline ? DeviceState::kBusy : state_;
}

bool SamIdCardReader::CardPresent() const {
  std::lock_guard lock(state_mutex_);
  return present_.value_or(false);
}

void SamIdCardReader::SetEventHandler(EventHandler handler) {
  std::lock_guard lock(state_mutex_);
  handler_ = std::move(handler);
}

SamLineStats SamIdCardReader::LineStats() const {
  std::lock_guard lock(state_mutex_);
  return stats_;
}

void SamIdCardReader::StartWatching() {
  if (watcher_.joinable()) return;
  watcher_ = std::jthread([this](std::stop_token stop) { WatchLoop(stop); });
}

void SamIdCardReader::StopWatching() {
  if (!watcher_.joinable()) return;
  watcher_.request_stop();
  // From the event handler (on the watcher's own thread) it cannot wait for
  // itself; the loop ends when the handler returns.
  if (watcher_.get_id() == std::this_thread::get_id()) {
    watcher_.detach();
  } else {
    watcher_.join();
  }
}

bool SamIdCardReader::Pause(std::chrono::milliseconds pause, const std::stop_token& stop) {
  std::unique_lock lock(pause_mutex_);
  pause_cv_.wait_for(lock, stop, pause, [] { return false; });
  return !stop.stop_requested();
}

void SamIdCardReader::WatchLoop(std::stop_token stop) {
  while (!stop.stop_requested()) {
    {
      // A read in progress learns presence itself: skip this poll.
      std::unique_lock io(io_mutex_, std::try_to_lock);
      if (io.owns_lock()) {
        auto answer = Transact(sam::Command::kFindCard,
                               Clock::now() + client_.timings().answer_timeout, stop);
        if (!answer && answer.error().code != ErrorCode::kCanceled) {
          log::Warning("id_card", "watching: {}", answer.error().Describe());
        }
      }
    }
    if (!Pause(client_.timings().poll_interval, stop)) break;
  }
}

void SamIdCardReader::NotePresence(bool present) {
  EventHandler handler;
  {
    std::lock_guard lock(state_mutex_);
    // The first answer sets what is there without an event: a card lying
    // on the reader when the kiosk starts was not placed by anyone now.
    const bool changed = present_.has_value() && *present_ != present;
    present_ = present;
    if (changed) handler = handler_;
  }
  if (handler) handler(present ? IdCardEvent::kPlaced : IdCardEvent::kTaken);
}

Result<sam::Answer> SamIdCardReader::Transact(sam::Command command, Clock::time_point deadline,
                                              const std::stop_token& stop) {
  auto answer = client_.Transact(command, deadline, stop);
  {
    std::lock_guard lock(state_mutex_);
    stats_ = client_.stats();
    if (answer) {
      const bool sam_fault =
          answer->sw3 == sam::sw3::kSamSelfTestFailed || answer->sw3 == sam::sw3::kSamNotAuthorised;
      state_ = sam_fault ? DeviceState::kHardwareError : DeviceState::kOnline;
    } else if (answer.error().code == ErrorCode::kTimeout && answer.error().reason == "no_answer") {
      state_ = DeviceState::kOffline;
    } else if (answer.error().code == ErrorCode::kIo && answer.error().reason.empty()) {
      state_ = DeviceState::kNoDevice;  // The transport failed: unplugged or broken.
    }
  }
  if (answer && command == sam::Command::kFindCard) {
    if (answer->sw3 == sam::sw3::kCardFound) NotePresence(true);
    if (answer->sw3 == sam::sw3::kNoCard) NotePresence(false);
  }
  return answer;
}

Result<void> SamIdCardReader::CheckSam(std::chrono::milliseconds timeout) {
  std::lock_guard io(io_mutex_);
  auto answer = Transact(sam::Command::kSamStatus, Clock::now() + timeout, {});
  if (!answer) return std::unexpected(answer.error());
  if (!sam::IsSuccess(sam::Command::kSamStatus, answer->sw3)) {
    return std::unexpected(sam::StatusError(sam::Command::kSamStatus, answer->sw3));
  }
  return {};
}

Result<IdCard> SamIdCardReader::Read(const IdCardReadOptions& options) {
  std::lock_guard io(io_mutex_);
  {
    std::lock_guard lock(state_mutex_);
    reading_ = true;
  }
  auto card = ReadLocked(options);
  {
    std::lock_guard lock(state_mutex_);
    reading_ = false;
  }
  return card;
}

Result<void> SamIdCardReader::WaitForCard(Clock::time_point deadline, const std::stop_token& stop) {
  const auto started = Clock::now();
  auto waited_ms = [&] {
    return std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - started).count();
  };
  bool reader_answered = false;
  while (true) {
    auto answer = Transact(sam::Command::kFindCard, deadline, stop);
    if (!answer) {
      // The last poll ran into the deadline: the reader was answering "no
      // card" all along, and that is what the citizen needs to hear.
      if (reader_answered && answer.error().code == ErrorCode::kTimeout &&
          Clock::now() >= deadline) {
        return std::unexpected(sam::NoCardError(transport_->Describe(), waited_ms()));
      }
      return std::unexpected(answer.error());
    }
    reader_answered = true;
    if (answer->sw3 == sam::sw3::kCardFound) return {};
    if (answer->sw3 != sam::sw3::kNoCard) {
      return std::unexpected(sam::StatusError(sam::Command::kFindCard, answer->sw3));
    }
    if (Clock::now() + client_.timings().poll_interval >= deadline) {
      return std::unexpected(sam::NoCardError(transport_->Describe(), waited_ms()));
    }
    if (!Pause(client_.timings().poll_interval, stop)) {
      return Fail(ErrorCode::kCanceled, "canceled while waiting for an ID card");
    }
  }
}

Error SamIdCardReader::ReadStepError(sam::Command command, std::uint8_t status,
                                     Clock::time_point deadline, const std::stop_token& stop) {
  const bool card_may_be_gone = status == sam::sw3::kReadFailed || status == sam::sw3::kNoCard ||
                                status == sam::sw3::kSelectFailed;
  if (card_may_be_gone) {
    // The read's own deadline may have passed; this question is short.
    const auto probe_deadline = std::max(deadline, Clock::now() + client_.timings().answer_timeout);
    auto find = Transact(sam::Command::kFindCard, probe_deadline, stop);
    if (find && find->sw3 == sam::sw3::kNoCard) {
      return sam::CardRemovedError(command, status);
    }
  }
  return sam::StatusError(command, status);
}

Result<IdCard> SamIdCardReader::ReadLocked(const IdCardReadOptions& options) {
  const auto deadline = Clock::now() + options.timeout;
  const std::stop_token& stop = options.stop;
  if (auto found = WaitForCard(deadline, stop); !found) return std::unexpected(found.error());

  auto selected = Transact(sam::Command::kSelectCard, deadline, stop);
  if (!selected) return std::unexpected(selected.error());
  if (!sam::IsSuccess(sam::Command::kSelectCard, selected->sw3)) {
    return std::unexpected(ReadStepError(sam::Command::kSelectCard, selected->sw3, deadline, stop));
  }

  auto text = Transact(sam::Command::kReadTextAndPhoto, deadline, stop);
  if (!text) return std::unexpected(text.error());
  if (!sam::IsSuccess(sam::Command::kReadTextAndPhoto, text->sw3)) {
    return std::unexpected(
        ReadStepError(sam::Command::kReadTextAndPhoto, text->sw3, deadline, stop));
  }
  auto card = DecodeTextAndPhoto(text->data);
  WipeBytes(text->data);
  if (!card || !options.appended_address) return card;

  auto appended = Transact(sam::Command::kReadAppendedAddress, deadline, stop);
  if (!appended) {
    card->Wipe();
    return std::unexpected(appended.error());
  }
  if (appended->sw3 == sam::sw3::kOk) {
    auto address = DecodeAppendedAddress(appended->data);
    WipeBytes(appended->data);
    if (!address) {
      card->Wipe();
      return std::unexpected(address.error());
    }
    card->appended_address = std::move(*address);
  } else if (appended->sw3 == sam::sw3::kBadCommand) {
    // Older readers do not know 30 03; the card's own address stands.
    log::Info("id_card", "{} does not support 30 03: no appended address", transport_->Describe());
  } else if (appended->sw3 != sam::sw3::kNoContent) {
    card->Wipe();
    return std::unexpected(
        ReadStepError(sam::Command::kReadAppendedAddress, appended->sw3, deadline, stop));
  }
  return card;
}

}  // namespace kiosk::devices
