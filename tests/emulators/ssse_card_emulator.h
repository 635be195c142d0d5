#pragma once

// A 社会保障卡 in a virtual PC/SC reader: connects to vpcd (Debian
// vsmartcard-vpcd, loaded by a pcscd) over TCP and answers as a real card
// does (shared/docs/DEVICES.md): SELECT of the SSSE application and of
// EF05 / EF06, READ RECORD by tag, GET RESPONSE. Its records are built
// here from the document, sharing no code with the driver they test.
//
// vpcd's protocol: every message is a 2-byte big-endian length and a body;
// a 1-byte body is a control (0 power off, 1 power on, 2 reset, 4 get
// ATR, which is answered with the ATR), any longer body a command APDU,
// answered with a response APDU. Connected is inserted: vpcd sees the
// card when pcscd next polls (about every 400 ms); closing is removal.
//
// A card can misbehave: answer any status word to any command, be a card
// without the SSSE application, send truncated items, go through 61xx
// and 6Cxx, want P2 = 04, or leave the reader after N APDUs.

#include <atomic>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <stop_token>
#include <string>
#include <thread>
#include <vector>

#include "common/error.h"

namespace kiosk::emulators {

using ApduBytes = std::vector<std::uint8_t>;

enum class SsseCardPadding { kZero, kSpace, kFF };

// A card as the emulator stores it: text in UTF-8 (written to the card as
// GB18030), dates ISO "YYYY-MM-DD" or "" (all F on the card), gender
// "male" / "female".
struct EmulatedSsseCard {
  std::string id;
  std::string card_identifier;
  std::string card_type = "1";
  std::string spec_version = "3.00";
  std::string issuing_institution;
  std::string issue_date;
  std::string expiry_date;
  std::string card_number;
  std::string ssn;
  std::string name;
  std::string gender;
  std::string nation = "01";
  std::string birthplace = "4403";  // BCD digits, F-padded to 3 bytes.
  std::string birth_date;

  SsseCardPadding padding = SsseCardPadding::kZero;
  bool unpadded = false;         // Values as long as they are, not the spec length.
  bool nation_f_padded = false;  // Nation "1" as 1F rather than 01.
  bool wants_p2_04 = false;      // READ RECORD with P2 = 00 answers 6A86.
  bool has_ssse = true;          // false: a bank card, SELECT SSSE answers 6A82.
  // Items answered verbatim (tag, length, value as bytes), by tag.
  std::map<std::uint8_t, ApduBytes> raw_items;
};

// The item bytes (tag, length, value) the card answers READ RECORD `tag`
// with.
ApduBytes CardItem(const EmulatedSsseCard& card, std::uint8_t tag);

// The cards of a JSON file: firmware_config/sim/social_security_cards.json
// or a test file with the extra keys padding ("zero", "space", "ff"),
// unpadded, nation_f_padded, wants_p2_04, has_ssse, birthplace and
// raw_items ({"09": "hex"}).
Result<std::map<std::string, EmulatedSsseCard>> LoadEmulatedSsseCards(const std::string& path);

struct SsseFaultPlan {
  // Answer `status` to commands `on` names: "select_app", "select_ef05",
  // "select_ef06", "read_01" .. "read_0D", "get_response", "any".
  std::optional<std::uint16_t> status;
  std::string on = "any";
  // How many answers the status spoils; negative: all of them.
  int count = -1;
  // Every READ RECORD answer comes through 61xx and GET RESPONSE in
  // pieces of this many bytes; 0: off.
  std::size_t get_response_chunk = 0;
  // A READ RECORD with a Le other than the item's size answers 6C<size>.
  bool exact_le = false;
  // The card leaves on receiving APDU number N (1-based, of this
  // insertion) without answering it; 0: never.
  int remove_at_apdu = 0;
};

// The card's logic without a transport: the answer to one command APDU.
class SsseCardModel {
 public:
  SsseCardModel(EmulatedSsseCard card, SsseFaultPlan plan);
  ApduBytes Answer(const ApduBytes& command);
  // Commands answered, by label ("read_09").
  int Count(const std::string& label) const;

 private:
  ApduBytes Respond(const std::string& label, const ApduBytes& command);

  EmulatedSsseCard card_;
  SsseFaultPlan plan_;
  std::optional<std::uint8_t> selected_file_;
  bool application_selected_ = false;
  ApduBytes pending_;  // What GET RESPONSE returns next.
  std::map<std::string, int> counts_;
};

// The emulator's ATR (T=1, historical bytes "SSSE-EMU").
ApduBytes EmulatorAtr();

class SsseCardEmulator {
 public:
  // vpcd's slot port: 35963 for a system pcscd, a test's own otherwise.
  explicit SsseCardEmulator(std::uint16_t port, std::string host = "127.0.0.1");
  ~SsseCardEmulator();
  SsseCardEmulator(const SsseCardEmulator&) = delete;
  SsseCardEmulator& operator=(const SsseCardEmulator&) = delete;

  // Connects to vpcd (retrying until `timeout` passes, for a pcscd still
  // starting) and serves `card` on a thread. kSequence if a card is in.
  Result<void> Insert(EmulatedSsseCard card,
                      std::chrono::milliseconds timeout = std::chrono::milliseconds(10000));
  // Closes the connection: vpcd reports the card gone.
  void Remove();
  // Applies to the next insertion.
  void SetFault(SsseFaultPlan plan);
  bool Inserted() const;
  // APDUs received since the last insertion, and ATR requests in all.
  int ApdusReceived() const;
  int AtrRequests() const;
  // Blocks until the current card leaves (vpcd closed, Remove, or a
  // planned removal).
  void WaitUntilRemoved();

 private:
  void Serve(std::stop_token stop, int fd);
  void CloseConnection();

  std::uint16_t port_;
  std::string host_;
  mutable std::mutex mutex_;
  SsseFaultPlan plan_;
  std::unique_ptr<SsseCardModel> model_;
  int fd_ = -1;
  std::atomic<int> apdus_{0};
  std::atomic<int> atr_requests_{0};
  std::atomic<bool> inserted_{false};
  std::jthread thread_;
};

}  // namespace kiosk::emulators
