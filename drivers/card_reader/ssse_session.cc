#include "drivers/card_reader/ssse_session.h"

#include <fmt/format.h>

#include "drivers/card_reader/ssse_record.h"

namespace kiosk::devices::ssse {
namespace {

// A card that keeps answering 61xx or 6Cxx past these is broken.
constexpr int kMaxGetResponses = 8;
constexpr int kMaxLeRetries = 2;

class Session {
 public:
  Session(ApduChannel& channel, SsseReadStats& stats) : channel_(channel), stats_(stats) {}

  // The data of a 9000 answer to `command`, after any 61xx and 6Cxx.
  Result<Bytes> Exchange(const Command& command) {
    failed_status_ = 0;
    Command current = command;
    Bytes data;
    int le_retries = 0;
    int get_responses = 0;
    while (true) {
      ++stats_.apdus;
      auto raw = channel_.Transmit(current);
      if (!raw) return std::unexpected(raw.error());
      auto response = SplitResponse(*raw);
      Wipe(*raw);
      if (!response) return std::unexpected(response.error());
      data.insert(data.end(), response->data.begin(), response->data.end());
      Wipe(response->data);
      const std::uint16_t status = response->sw;
      if (status == sw::kOk) return data;
      if (IsWrongLe(status) && ++le_retries <= kMaxLeRetries) {
        current = WithLe(current, static_cast<std::uint8_t>(status & 0xFF));
        Wipe(data);
        continue;
      }
      if (IsMoreData(status) && ++get_responses <= kMaxGetResponses) {
        current = GetResponse(static_cast<std::uint8_t>(status & 0xFF));
        continue;
      }
      Wipe(data);
      failed_status_ = status;
      return std::unexpected(StatusWordError(command, status));
    }
  }

  Result<void> ReadFile(std::uint8_t file, SocialSecurityCard& card) {
    auto selected = Exchange(SelectFile(file));
    if (!selected) return std::unexpected(selected.error());
    Wipe(*selected);
    for (const FieldSpec& field : CardFields()) {
      if (field.file != file) continue;
      const auto le = static_cast<std::uint8_t>(field.length + 2);
      auto answer = Exchange(ReadRecord(field.tag, p2_, le));
      if (!answer && p2_ == 0x00 && WantsOtherP2(failed_status_)) {
        p2_ = 0x04;
        stats_.used_p2_04 = true;
        answer = Exchange(ReadRecord(field.tag, p2_, le));
      }
      if (!answer) return std::unexpected(answer.error());
      auto value = RecordValue(field, *answer);
      Result<void> stored =
          value ? StoreField(field, *value, card) : Result<void>(std::unexpected(value.error()));
      Wipe(*answer);
      if (!stored) return stored;
    }
    return {};
  }

 private:
  ApduChannel& channel_;
  SsseReadStats& stats_;
  std::uint8_t p2_ = 0x00;
  // The status word the last Exchange failed with; 0 for other failures.
  std::uint16_t failed_status_ = 0;
};

}  // namespace

Result<SocialSecurityCard> ReadSsseCard(ApduChannel& channel, SsseReadStats* stats) {
  SsseReadStats local;
  SsseReadStats& counters = stats != nullptr ? *stats : local;
  Session session(channel, counters);
  auto selected = session.Exchange(SelectApplication());
  if (!selected) return std::unexpected(selected.error());
  Wipe(*selected);
  SocialSecurityCard card;
  for (std::uint8_t file : {std::uint8_t{0x05}, std::uint8_t{0x06}}) {
    if (auto read = session.ReadFile(file, card); !read) {
      card.Wipe();
      return std::unexpected(read.error());
    }
  }
  if (auto checked = CheckCard(card); !checked) {
    card.Wipe();
    return std::unexpected(checked.error());
  }
  return card;
}

}  // namespace kiosk::devices::ssse
