#pragma once

// The ID card reader that speaks the SAM protocol (DEVICES.md) over a
// transport, serial or USB. Read: find card (polled until a card lies on
// the reader), select card, read text and photo (30 01), then the appended
// address (30 03) when asked. Watching: a thread polls find card and
// raises kPlaced / kTaken when the answer changes. The event handler may
// call StopWatching, but must not destroy the reader.

#include <atomic>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>

#include "drivers/id_card/id_card_reader.h"
#include "drivers/id_card/sam_client.h"

namespace kiosk::devices {

class SamIdCardReader final : public IdCardReader {
 public:
  SamIdCardReader(std::unique_ptr<SamTransport> transport, SamTimings timings = {});
  ~SamIdCardReader() override;
  SamIdCardReader(const SamIdCardReader&) = delete;
  SamIdCardReader& operator=(const SamIdCardReader&) = delete;

  DeviceState State() const override;
  bool CardPresent() const override;
  void SetEventHandler(EventHandler handler) override;
  void StartWatching() override;
  void StopWatching() override;
  Result<IdCard> Read(const IdCardReadOptions& options) override;

  // Asks the SAM for its status (11 FF): whether a reader answers at all.
  Result<void> CheckSam(std::chrono::milliseconds timeout);

  SamLineStats LineStats() const;

 private:
  using Clock = SamClient::Clock;

  Result<IdCard> ReadLocked(const IdCardReadOptions& options);
  // Polls find card until a card answers, the deadline passes or a stop.
  Result<void> WaitForCard(Clock::time_point deadline, const std::stop_token& stop);
  // One exchange; keeps the device state and the card presence up to date.
  Result<sam::Answer> Transact(sam::Command command, Clock::time_point deadline,
                               const std::stop_token& stop);
  // The error for a read step that failed with `status`: a card that is no
  // longer there (find card says so) was taken away during the read.
  Error ReadStepError(sam::Command command, std::uint8_t status, Clock::time_point deadline,
                      const std::stop_token& stop);
  void NotePresence(bool present);
  void WatchLoop(std::stop_token stop);
  // Sleeps `pause` unless a stop comes first (then false).
  bool Pause(std::chrono::milliseconds pause, const std::stop_token& stop);

  std::unique_ptr<SamTransport> transport_;
  std::mutex io_mutex_;  // One exchange at a time: Read or a watch poll.
  SamClient client_;

  mutable std::mutex state_mutex_;
  DeviceState state_ = DeviceState::kOffline;  // Until the reader first answers.
  bool reading_ = false;                       // Online while reading shows as busy.
  std::optional<bool> present_;
  EventHandler handler_;
  SamLineStats stats_;  // A copy of client_'s, readable without io_mutex_.

  std::mutex pause_mutex_;
  std::condition_variable_any pause_cv_;
  std::jthread watcher_;
};

}  // namespace kiosk::devices
