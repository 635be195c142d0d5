#include "drivers/card_reader/pcsc_card_reader.h"

#include <fmt/format.h>
#include <winscard.h>

#include <algorithm>
#include <array>
#include <vector>

#include "common/log.h"
#include "drivers/card_reader/reader_pattern.h"

namespace kiosk::devices {
namespace {

using Clock = std::chrono::steady_clock;

// pcsc-lite's pseudo reader whose state changes when readers come and go.
constexpr const char* kPnpReader = "\\\\?PnP?\\Notification";
// The longest a wait blocks before checking for a stop it may have missed
// (a cancel that came just before the wait began).
constexpr DWORD kWaitSliceMs = 1000;

bool ServiceGone(LONG rv) {
  return rv == SCARD_E_NO_SERVICE || rv == SCARD_E_SERVICE_STOPPED || rv == SCARD_F_COMM_ERROR ||
         rv == SCARD_E_INVALID_HANDLE;
}

// The Error of a failed SCard call, with a reason per kind of failure.
Error PcscError(const char* call, LONG rv) {
  ErrorCode code = ErrorCode::kIo;
  const char* reason = "pcsc_error";
  if (ServiceGone(rv) && rv != SCARD_E_INVALID_HANDLE) {
    code = ErrorCode::kDeviceNotReady;
    reason = "pcscd_not_running";
  } else if (rv == SCARD_E_NO_SMARTCARD || rv == SCARD_W_REMOVED_CARD) {
    code = ErrorCode::kDeviceNotReady;
    reason = "card_removed";
  } else if (rv == SCARD_W_UNRESPONSIVE_CARD || rv == SCARD_W_UNPOWERED_CARD) {
    code = ErrorCode::kDevice;
    reason = "card_unresponsive";
  } else if (rv == SCARD_E_SHARING_VIOLATION) {
    code = ErrorCode::kDeviceNotReady;
    reason = "reader_busy";
  } else if (rv == SCARD_E_CANCELLED) {
    code = ErrorCode::kCanceled;
    reason = "canceled";
  } else if (rv == SCARD_E_UNKNOWN_READER || rv == SCARD_E_READER_UNAVAILABLE ||
             rv == SCARD_E_NO_READERS_AVAILABLE) {
    code = ErrorCode::kDeviceNotReady;
    reason = "no_reader";
  }
  return Error(code,
               fmt::format("{} failed: {} (0x{:08X})", call, pcsc_stringify_error(rv),
                           static_cast<std::uint32_t>(rv)),
               reason);
}

// The reader names pcscd has; none is an empty list, not an error.
Result<std::vector<std::string>> ListReaders(SCARDCONTEXT context) {
  DWORD size = 0;
  LONG rv = SCardListReaders(context, nullptr, nullptr, &size);
  if (rv == SCARD_E_NO_READERS_AVAILABLE) return std::vector<std::string>();
  if (rv != SCARD_S_SUCCESS) return std::unexpected(PcscError("SCardListReaders", rv));
  std::vector<char> buffer(size + 1, '\0');
  rv = SCardListReaders(context, nullptr, buffer.data(), &size);
  if (rv == SCARD_E_NO_READERS_AVAILABLE) return std::vector<std::string>();
  if (rv != SCARD_S_SUCCESS) return std::unexpected(PcscError("SCardListReaders", rv));
  std::vector<std::string> names;
  for (const char* name = buffer.data(); *name != '\0';
       name += std::char_traits<char>::length(name) + 1) {
    names.emplace_back(name);
  }
  return names;
}

DWORD MillisUntil(Clock::time_point deadline, DWORD most) {
  const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
  if (left.count() <= 0) return 0;
  return static_cast<DWORD>(std::min<long long>(left.count(), most));
}

class PcscChannel final : public ssse::ApduChannel {
 public:
  PcscChannel(SCARDHANDLE handle, DWORD protocol) : handle_(handle), protocol_(protocol) {}

  Result<ssse::Bytes> Transmit(const ssse::Command& command) override {
    std::array<std::uint8_t, MAX_BUFFER_SIZE> buffer{};
    DWORD length = buffer.size();
    const SCARD_IO_REQUEST* pci = protocol_ == SCARD_PROTOCOL_T0 ? SCARD_PCI_T0 : SCARD_PCI_T1;
    const LONG rv =
        SCardTransmit(handle_, pci, command.apdu.data(), static_cast<DWORD>(command.apdu.size()),
                      nullptr, buffer.data(), &length);
    if (rv != SCARD_S_SUCCESS) {
      Error error = PcscError("SCardTransmit", rv);
      error.detail = command.Describe() + ": " + error.detail;
      return std::unexpected(error);
    }
    ssse::Bytes answer(buffer.begin(), buffer.begin() + length);
    std::fill(buffer.begin(), buffer.end(), 0);
    return answer;
  }

 private:
  SCARDHANDLE handle_;
  DWORD protocol_;
};

// The current state bits of `reader` (SCARD_STATE_*), or the failure.
Result<DWORD> ReaderState(SCARDCONTEXT context, const std::string& reader) {
  SCARD_READERSTATE state{};
  state.szReader = reader.c_str();
  state.dwCurrentState = SCARD_STATE_UNAWARE;
  const LONG rv = SCardGetStatusChange(context, 0, &state, 1);
  if (rv != SCARD_S_SUCCESS && rv != SCARD_E_TIMEOUT) {
    return std::unexpected(PcscError("SCardGetStatusChange", rv));
  }
  return state.dwEventState;
}

// Whether `reader` reports no card within `grace`: pcscd learns of a
// removal by polling, so the exchange may fail before the state shows it.
bool ReportsRemoval(SCARDCONTEXT context, const std::string& reader,
                    std::chrono::milliseconds grace) {
  const auto deadline = Clock::now() + grace;
  SCARD_READERSTATE state{};
  state.szReader = reader.c_str();
  state.dwCurrentState = SCARD_STATE_UNAWARE;
  while (true) {
    const LONG rv = SCardGetStatusChange(context, MillisUntil(deadline, kWaitSliceMs), &state, 1);
    if (rv == SCARD_S_SUCCESS) {
      if ((state.dwEventState & SCARD_STATE_EMPTY) != 0) return true;
      if ((state.dwEventState & (SCARD_STATE_UNKNOWN | SCARD_STATE_UNAVAILABLE)) != 0) return true;
      state.dwCurrentState = state.dwEventState & ~static_cast<DWORD>(SCARD_STATE_CHANGED);
    } else if (rv != SCARD_E_TIMEOUT) {
      return rv == SCARD_E_UNKNOWN_READER;
    }
    if (Clock::now() >= deadline) return false;
  }
}

}  // namespace

PcscCardReader::PcscCardReader(PcscCardReaderProfile profile) : profile_(std::move(profile)) {}

PcscCardReader::~PcscCardReader() { Stop(); }

DeviceState PcscCardReader::State() const {
  std::lock_guard lock(state_mutex_);
  return reading_ > 0 && state_ == DeviceState::kOnline ? DeviceState::kBusy : state_;
}

bool PcscCardReader::CardPresent() const {
  std::lock_guard lock(state_mutex_);
  return present_.value_or(false);
}

void PcscCardReader::SetEventHandler(EventHandler handler) {
  std::lock_guard lock(state_mutex_);
  handler_ = std::move(handler);
}

void PcscCardReader::SetStateHandler(StateHandler handler) {
  std::lock_guard lock(state_mutex_);
  state_handler_ = std::move(handler);
}

std::string PcscCardReader::ReaderName() const {
  std::lock_guard lock(state_mutex_);
  return reader_name_;
}

ssse::SsseReadStats PcscCardReader::LastReadStats() const {
  std::lock_guard lock(state_mutex_);
  return last_stats_;
}

void PcscCardReader::SetState(DeviceState state) {
  StateHandler handler;
  DeviceState shown;
  {
    std::lock_guard lock(state_mutex_);
    auto effective = [&] {
      return reading_ > 0 && state_ == DeviceState::kOnline ? DeviceState::kBusy : state_;
    };
    const DeviceState before = effective();
    state_ = state;
    shown = effective();
    if (shown != before) handler = state_handler_;
  }
  if (handler) handler(shown);
}

void PcscCardReader::NotePresence(std::optional<bool> present) {
  EventHandler handler;
  bool now = false;
  {
    std::lock_guard lock(state_mutex_);
    if (!present) {
      // The reader or pcscd went away: a card that was in is gone for us.
      if (present_.value_or(false)) {
        present_ = false;
        handler = handler_;
      }
    } else {
      // The first answer sets what is there without an event: a card in
      // the reader when the kiosk starts was not inserted by anyone now.
      const bool changed = present_.has_value() && *present_ != *present;
      present_ = *present;
      now = *present;
      if (changed) handler = handler_;
    }
  }
  if (handler) handler(now ? CardEvent::kInserted : CardEvent::kRemoved);
}

bool PcscCardReader::Pause(std::chrono::milliseconds pause, const std::stop_token& stop) {
  std::unique_lock lock(pause_mutex_);
  pause_cv_.wait_for(lock, stop, pause, [] { return false; });
  return !stop.stop_requested();
}

void PcscCardReader::Start() {
  if (monitor_.joinable()) return;
  monitor_ = std::jthread([this](std::stop_token stop) { Monitor(stop); });
}

void PcscCardReader::Stop() {
  if (!monitor_.joinable()) return;
  monitor_.request_stop();
  {
    std::lock_guard lock(context_mutex_);
    if (monitor_context_ != 0) SCardCancel(static_cast<SCARDCONTEXT>(monitor_context_));
  }
  monitor_.join();
}

void PcscCardReader::Monitor(std::stop_token stop) {
  bool warned = false;
  while (!stop.stop_requested()) {
    SCARDCONTEXT context = 0;
    LONG rv = SCardEstablishContext(SCARD_SCOPE_SYSTEM, nullptr, nullptr, &context);
    if (rv != SCARD_S_SUCCESS) {
      if (!warned)
        log::Warning("card_reader", "{}", PcscError("SCardEstablishContext", rv).Describe());
      warned = true;
      SetState(DeviceState::kOffline);
      NotePresence(std::nullopt);
      if (!Pause(profile_.service_retry, stop)) break;
      continue;
    }
    warned = false;
    {
      std::lock_guard lock(context_mutex_);
      monitor_context_ = static_cast<std::intptr_t>(context);
    }
    DWORD pnp_state = SCARD_STATE_UNAWARE;
    DWORD reader_state = SCARD_STATE_UNAWARE;
    std::string current;
    while (!stop.stop_requested()) {
      auto names = ListReaders(context);
      if (!names) {
        if (names.error().reason == "pcscd_not_running" || names.error().reason == "pcsc_error")
          break;
        if (!Pause(profile_.service_retry, stop)) break;
        continue;
      }
      const auto name = MatchReader(profile_.reader_pattern, *names);
      if (name.value_or("") != current) {
        current = name.value_or("");
        reader_state = SCARD_STATE_UNAWARE;
      }
      if (!name) {
        {
          std::lock_guard lock(state_mutex_);
          reader_name_.clear();
        }
        SetState(DeviceState::kNoDevice);
        NotePresence(std::nullopt);
      }
      std::array<SCARD_READERSTATE, 2> states{};
      states[0].szReader = kPnpReader;
      states[0].dwCurrentState = pnp_state;
      states[1].szReader = current.c_str();
      states[1].dwCurrentState = reader_state;
      const DWORD count = name ? 2 : 1;
      rv = SCardGetStatusChange(context, kWaitSliceMs, states.data(), count);
      if (rv == SCARD_E_TIMEOUT || rv == SCARD_E_CANCELLED) continue;
      if (ServiceGone(rv)) break;
      if (rv == SCARD_E_UNKNOWN_READER || rv == SCARD_E_READER_UNAVAILABLE) {
        reader_state = SCARD_STATE_UNAWARE;
        continue;
      }
      if (rv != SCARD_S_SUCCESS) {
        log::Warning("card_reader", "{}", PcscError("SCardGetStatusChange", rv).Describe());
        if (!Pause(profile_.service_retry, stop)) break;
        continue;
      }
      const auto settled = ~static_cast<DWORD>(SCARD_STATE_CHANGED);
      pnp_state = states[0].dwEventState & settled;
      if (!name) continue;
      const DWORD event = states[1].dwEventState;
      reader_state = event & settled;
      if ((event & (SCARD_STATE_UNKNOWN | SCARD_STATE_UNAVAILABLE | SCARD_STATE_IGNORE)) != 0) {
        continue;  // The reader is going: the next listing tells.
      }
      {
        std::lock_guard lock(state_mutex_);
        reader_name_ = *name;
      }
      SetState(DeviceState::kOnline);
      NotePresence((event & SCARD_STATE_PRESENT) != 0);
    }
    {
      std::lock_guard lock(context_mutex_);
      monitor_context_ = 0;
    }
    SCardReleaseContext(context);
    if (stop.stop_requested()) break;
    SetState(DeviceState::kOffline);
    NotePresence(std::nullopt);
    if (!Pause(profile_.service_retry, stop)) break;
  }
}

void PcscCardReader::Cancel() {
  std::lock_guard lock(context_mutex_);
  cancel_requested_ = true;
  if (read_context_ != 0) SCardCancel(static_cast<SCARDCONTEXT>(read_context_));
}

Result<SocialSecurityCard> PcscCardReader::ReadCard() {
  CardReadOptions options;
  options.timeout = profile_.read_timeout;
  return Read(options);
}

Result<SocialSecurityCard> PcscCardReader::Read(const CardReadOptions& options) {
  std::lock_guard read_lock(read_mutex_);
  const auto deadline = Clock::now() + options.timeout;
  const auto started = Clock::now();
  auto waited_ms = [&] {
    return std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - started).count();
  };

  SCARDCONTEXT context = 0;
  LONG rv = SCardEstablishContext(SCARD_SCOPE_SYSTEM, nullptr, nullptr, &context);
  if (rv != SCARD_S_SUCCESS) {
    if (ServiceGone(rv)) SetState(DeviceState::kOffline);
    return std::unexpected(PcscError("SCardEstablishContext", rv));
  }
  {
    std::lock_guard lock(context_mutex_);
    read_context_ = static_cast<std::intptr_t>(context);
    cancel_requested_ = false;
  }
  std::stop_callback on_stop(options.stop, [this] { Cancel(); });
  struct Cleanup {
    PcscCardReader* reader;
    SCARDCONTEXT context;
    ~Cleanup() {
      {
        std::lock_guard lock(reader->context_mutex_);
        reader->read_context_ = 0;
      }
      SCardReleaseContext(context);
    }
  } cleanup{this, context};
  auto canceled = [&] {
    std::lock_guard lock(context_mutex_);
    return cancel_requested_ || options.stop.stop_requested();
  };
  auto cancel_error = [] {
    return Error(ErrorCode::kCanceled, "the card read was canceled", "canceled");
  };

  // Wait for a matching reader with a card in it.
  std::string reader;
  SCARD_READERSTATE pnp{};
  pnp.szReader = kPnpReader;
  pnp.dwCurrentState = SCARD_STATE_UNAWARE;
  while (true) {
    if (canceled()) return std::unexpected(cancel_error());
    auto names = ListReaders(context);
    if (!names) return std::unexpected(names.error());
    const auto name = MatchReader(profile_.reader_pattern, *names);
    if (!name) {
      if (Clock::now() >= deadline) {
        return std::unexpected(
            Error(ErrorCode::kDeviceNotReady,
                  profile_.reader_pattern.empty()
                      ? fmt::format("pcscd has no reader (waited {} ms)", waited_ms())
                      : fmt::format("no reader matches '{}' among {} reader(s) (waited {} ms)",
                                    profile_.reader_pattern, names->size(), waited_ms()),
                  "no_reader"));
      }
      rv = SCardGetStatusChange(context, MillisUntil(deadline, kWaitSliceMs), &pnp, 1);
      if (rv == SCARD_S_SUCCESS) {
        pnp.dwCurrentState = pnp.dwEventState & ~static_cast<DWORD>(SCARD_STATE_CHANGED);
      } else if (rv == SCARD_E_CANCELLED) {
        return std::unexpected(cancel_error());
      } else if (rv != SCARD_E_TIMEOUT) {
        return std::unexpected(PcscError("SCardGetStatusChange", rv));
      }
      continue;
    }
    auto state = ReaderState(context, *name);
    if (!state) return std::unexpected(state.error());
    if ((*state & SCARD_STATE_PRESENT) != 0) {
      reader = *name;
      std::lock_guard lock(state_mutex_);
      reader_name_ = reader;
      break;
    }
    if (Clock::now() >= deadline) {
      return std::unexpected(Error(ErrorCode::kDeviceNotReady,
                                   fmt::format("no card in {} after {} ms", *name, waited_ms()),
                                   "no_card"));
    }
    SCARD_READERSTATE change{};
    change.szReader = name->c_str();
    change.dwCurrentState = *state & ~static_cast<DWORD>(SCARD_STATE_CHANGED);
    rv = SCardGetStatusChange(context, MillisUntil(deadline, kWaitSliceMs), &change, 1);
    if (rv == SCARD_E_CANCELLED) return std::unexpected(cancel_error());
    if (rv != SCARD_S_SUCCESS && rv != SCARD_E_TIMEOUT && rv != SCARD_E_UNKNOWN_READER) {
      return std::unexpected(PcscError("SCardGetStatusChange", rv));
    }
  }

  {
    std::lock_guard lock(state_mutex_);
    ++reading_;
  }
  SetState(DeviceState::kOnline);
  SCARDHANDLE handle = 0;
  DWORD protocol = 0;
  rv = SCardConnect(context, reader.c_str(), SCARD_SHARE_SHARED,
                    SCARD_PROTOCOL_T0 | SCARD_PROTOCOL_T1, &handle, &protocol);
  Result<SocialSecurityCard> card;
  ssse::SsseReadStats stats;
  if (rv != SCARD_S_SUCCESS) {
    card = std::unexpected(PcscError("SCardConnect", rv));
  } else {
    PcscChannel channel(handle, protocol);
    card = ssse::ReadSsseCard(channel, &stats);
    SCardDisconnect(handle, SCARD_LEAVE_CARD);
  }
  // A failed exchange, or an empty answer (what vpcd gives when its card
  // has gone), is a removal if pcscd reports the reader empty soon after.
  const bool line_failed =
      !card && (card.error().reason == "pcsc_error" || card.error().reason == "card_removed" ||
                card.error().reason == "short_response");
  if (line_failed && ReportsRemoval(context, reader, profile_.removal_grace)) {
    card = std::unexpected(Error(
        ErrorCode::kDeviceNotReady,
        "the card was taken out during the read (" + card.error().detail + ")", "card_removed"));
  }
  {
    std::lock_guard lock(state_mutex_);
    --reading_;
    last_stats_ = stats;
  }
  SetState(DeviceState::kOnline);
  return card;
}

}  // namespace kiosk::devices
