#pragma once

// A resident ID card reader on a pseudo-terminal: speaks the SAM protocol
// (shared/docs/DEVICES.md) as a real reader does on its serial line, with
// cards placed on it and taken away, and the faults a real line and a real
// citizen produce. Its frames and card text are written here from the
// document, sharing no code with the driver they test.
//
// In a test: `auto reader = SamEmulator::OpenPty();` and point the driver
// at reader->PortPath(). From a shell (sam_emulator_main.cc) it prints the
// pty's path, or serves stdin/stdout so socat can put it anywhere:
//   socat PTY,link=/tmp/idreader,rawer EXEC:"sam_emulator --stdio --place zhang-wei"

#include <chrono>
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

// A card as the emulator stores it: the text fields as the card holds them
// (dates YYYYMMDD, valid_to a date or 长期), or, for odd cards, the 256
// text bytes verbatim.
struct EmulatedIdCard {
  std::string name;
  std::string gender_code;
  std::string nation_code;
  std::string birth_date;
  std::string address;
  std::string id_number;
  std::string issuing_authority;
  std::string valid_from;
  std::string valid_to;
  std::string appended_address;        // Empty: the card has none (30 03 answers 91).
  std::vector<std::uint8_t> raw_text;  // When not empty, sent instead of the fields.
  std::vector<std::uint8_t> photo;     // 1024 bytes; a fixed pattern when empty.
};

// The 256-byte UCS-2LE text of `card` (its raw_text if it has one).
std::vector<std::uint8_t> CardText(const EmulatedIdCard& card);

// The cards of firmware_config/sim/id_cards.json, by id.
Result<std::map<std::string, EmulatedIdCard>> LoadEmulatedIdCards(const std::string& path);

enum class SamFault {
  kNone,
  kBadChecksum,         // Answers carry a wrong checksum.
  kShortFrame,          // Answers stop half-way: the length promises more than comes.
  kNoise,               // Noise (with a partial preamble) before every answer.
  kRemovedDuringRead,   // The card leaves while 30 01 is answered: half the answer, then silence.
  kSlowAnswers,         // Every answer waits `delay` first.
  kAuthentication,      // Select answers `status` (31, 32 or 33).
  kChecksumErrorReply,  // The reader says our frame had a bad checksum (SW3 10).
  kSilent,              // No answer at all.
};

struct FaultPlan {
  SamFault fault = SamFault::kNone;
  // How many answers the fault spoils before the reader behaves again;
  // negative: all of them.
  int count = -1;
  // Only answers to this command (CMD << 8 | PARA), e.g. 0x3001.
  std::optional<std::uint16_t> only_command;
  std::chrono::milliseconds delay{0};
  std::uint8_t status = 0x32;
};

class SamEmulator {
 public:
  // A new pty pair served on a thread; the driver opens PortPath(). kIo if
  // the system has no pty to give.
  static Result<std::unique_ptr<SamEmulator>> OpenPty();
  // Serves the given descriptors (stdin/stdout under socat) on a thread;
  // the emulator does not close them.
  static std::unique_ptr<SamEmulator> OnDescriptors(int read_fd, int write_fd);
  ~SamEmulator();
  SamEmulator(const SamEmulator&) = delete;
  SamEmulator& operator=(const SamEmulator&) = delete;

  const std::string& PortPath() const { return port_path_; }

  void PlaceCard(EmulatedIdCard card);
  void TakeCard();
  bool CardPresent() const;
  void SetFault(FaultPlan plan);

  // What the emulator received: commands by CMD << 8 | PARA, and frames it
  // answered with SW3 10 (bad checksum) or 11 (bad length).
  int CommandsReceived(std::uint16_t command) const;
  int BadFramesReceived() const;

  // Blocks until the serving ends: on descriptors, when the input closes
  // (socat went away); a pty serves until the emulator is destroyed.
  void WaitUntilDone();

 private:
  SamEmulator(int read_fd, int write_fd, int owned_master, int owned_slave, std::string path);
  void Serve(std::stop_token stop);
  // Handles every whole frame in `input_`.
  void HandleInput(const std::stop_token& stop);
  void Answer(std::uint16_t command, const std::vector<std::uint8_t>& data,
              const std::stop_token& stop);
  void Send(std::uint16_t command, std::uint8_t sw3, const std::vector<std::uint8_t>& data,
            const std::stop_token& stop);
  void WriteAll(const std::vector<std::uint8_t>& bytes);
  // Whether the fault plan applies to this answer (and uses one of its count).
  bool FaultApplies(SamFault fault, std::uint16_t command);

  int read_fd_;
  int write_fd_;
  int owned_master_;
  int owned_slave_;  // Kept open so the master never sees a hang-up between clients.
  int wake_fd_;
  std::string port_path_;
  std::vector<std::uint8_t> input_;

  mutable std::mutex mutex_;
  std::optional<EmulatedIdCard> card_;
  bool selected_ = false;
  FaultPlan plan_;
  std::map<std::uint16_t, int> commands_;
  int bad_frames_ = 0;

  std::jthread thread_;
};

}  // namespace kiosk::emulators
