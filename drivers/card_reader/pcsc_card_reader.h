#pragma once

// The 社保卡 reader over PC/SC (pcscd + libpcsclite). A monitor thread
// (Start) watches the readers with SCardGetStatusChange, the reader list
// through "\\?PnP?\Notification", and raises kInserted / kRemoved; the
// device state follows: kOffline while pcscd is not running (retried every
// service_retry), kNoDevice while no reader matches the profile's pattern,
// kOnline, kBusy during a read. Reading connects, runs the SSSE sequence
// (ssse_session.h) over SCardTransmit and disconnects.
//
// Read failures (code, reason): pcscd not running (kDeviceNotReady,
// pcscd_not_running); no matching reader (kDeviceNotReady, no_reader); no
// card within the timeout (kDeviceNotReady, no_card); the card taken out
// during the read (kDeviceNotReady, card_removed); a mute card
// (kDevice, card_unresponsive); another program holding the card
// (kDeviceNotReady, reader_busy); a status word as
// ssse::StatusWordError maps it; undecodable data (kInvalidData,
// card_data_invalid); cancellation (kCanceled, canceled); other PC/SC
// failures (kIo, pcsc_error).

#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "drivers/card_reader/card_reader.h"
#include "drivers/card_reader/pcsc_card_reader_profile.h"
#include "drivers/card_reader/ssse_session.h"

namespace kiosk::devices {

class PcscCardReader final : public CardReader {
 public:
  using StateHandler = std::function<void(DeviceState)>;

  explicit PcscCardReader(PcscCardReaderProfile profile);
  ~PcscCardReader() override;
  PcscCardReader(const PcscCardReader&) = delete;
  PcscCardReader& operator=(const PcscCardReader&) = delete;

  DeviceState State() const override;
  bool CardPresent() const override;
  void SetEventHandler(EventHandler handler) override;
  // Called (from any thread, outside the reader's locks) on every change.
  void SetStateHandler(StateHandler handler);

  // Starts and stops the monitor thread. Stop may not be called from a
  // handler.
  void Start();
  void Stop();

  // The card in the reader now, waiting at most the profile's read_timeout
  // for one that an event announced.
  Result<SocialSecurityCard> ReadCard() override;
  Result<SocialSecurityCard> Read(const CardReadOptions& options) override;

  // Ends a Read that is waiting for a card or a reader (kCanceled).
  void Cancel();

  // The reader matched last, "" before one is found.
  std::string ReaderName() const;
  ssse::SsseReadStats LastReadStats() const;

 private:
  void Monitor(std::stop_token stop);
  void SetState(DeviceState state);
  void NotePresence(std::optional<bool> present);
  // Sleeps `pause` unless a stop comes first (then false).
  bool Pause(std::chrono::milliseconds pause, const std::stop_token& stop);

  const PcscCardReaderProfile profile_;

  mutable std::mutex state_mutex_;
  DeviceState state_ = DeviceState::kOffline;
  int reading_ = 0;  // Reads in progress show as kBusy.
  std::optional<bool> present_;
  std::string reader_name_;
  EventHandler handler_;
  StateHandler state_handler_;
  ssse::SsseReadStats last_stats_;

  std::mutex read_mutex_;  // One read at a time.

  // The contexts blocked in SCardGetStatusChange, for Stop and Cancel.
  std::mutex context_mutex_;
  std::intptr_t monitor_context_ = 0;
  std::intptr_t read_context_ = 0;
  bool cancel_requested_ = false;

  std::mutex pause_mutex_;
  std::condition_variable_any pause_cv_;
  std::jthread monitor_;
};

}  // namespace kiosk::devices
