// sam_emulator: an ID card reader for trying the driver or kioskctl by hand.
//   sam_emulator [--cards FILE] [--place ID] [--fault NAME] [--count N] [--delay MS] [--stdio]
// Without --stdio it opens a pty, prints "PORT <path>" and serves until
// interrupted; with --stdio it serves stdin/stdout, for socat:
//   socat PTY,link=/tmp/idreader,rawer EXEC:"sam_emulator --stdio --place zhang-wei"
// Faults: bad-checksum, short-frame, noise, removed-during-read, slow,
// authentication, checksum-error-reply, silent.

#include <pthread.h>
#include <unistd.h>

#include <csignal>
#include <cstdio>
#include <map>
#include <string>

#include "tests/emulators/sam_emulator.h"

namespace {

int Usage(const char* problem) {
  std::fprintf(stderr,
               "sam_emulator: %s\nusage: sam_emulator [--cards FILE] [--place ID] [--fault NAME] "
               "[--count N] [--delay MS] [--stdio]\n",
               problem);
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  using kiosk::emulators::SamFault;
  std::string cards_file = std::string(KIOSK_SOURCE_DIR) + "/firmware_config/sim/id_cards.json";
  std::string place;
  bool stdio = false;
  kiosk::emulators::FaultPlan plan;
  const std::map<std::string, SamFault> faults = {
      {"bad-checksum", SamFault::kBadChecksum},
      {"short-frame", SamFault::kShortFrame},
      {"noise", SamFault::kNoise},
      {"removed-during-read", SamFault::kRemovedDuringRead},
      {"slow", SamFault::kSlowAnswers},
      {"authentication", SamFault::kAuthentication},
      {"checksum-error-reply", SamFault::kChecksumErrorReply},
      {"silent", SamFault::kSilent}};
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    const bool has_value = i + 1 < argc;
    if (arg == "--stdio") {
      stdio = true;
    } else if (arg == "--cards" && has_value) {
      cards_file = argv[++i];
    } else if (arg == "--place" && has_value) {
      place = argv[++i];
    } else if (arg == "--fault" && has_value) {
      const auto found = faults.find(argv[++i]);
      if (found == faults.end()) return Usage("unknown fault");
      plan.fault = found->second;
    } else if (arg == "--count" && has_value) {
      plan.count = std::stoi(argv[++i]);
    } else if (arg == "--delay" && has_value) {
      plan.delay = std::chrono::milliseconds(std::stoi(argv[++i]));
    } else {
      return Usage(("unexpected argument " + arg).c_str());
    }
  }
  // SIGINT and SIGTERM end a pty emulator through sigwait below; blocked
  // before the serving thread starts so it inherits the mask.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  if (!stdio) pthread_sigmask(SIG_BLOCK, &signals, nullptr);

  auto cards = kiosk::emulators::LoadEmulatedIdCards(cards_file);
  if (!cards) return Usage(cards.error().Describe().c_str());

  std::unique_ptr<kiosk::emulators::SamEmulator> emulator;
  if (stdio) {
    emulator = kiosk::emulators::SamEmulator::OnDescriptors(STDIN_FILENO, STDOUT_FILENO);
  } else {
    auto pty = kiosk::emulators::SamEmulator::OpenPty();
    if (!pty) return Usage(pty.error().Describe().c_str());
    emulator = std::move(*pty);
    std::printf("PORT %s\n", emulator->PortPath().c_str());
    std::fflush(stdout);
  }
  if (!place.empty()) {
    const auto found = cards->find(place);
    if (found == cards->end()) return Usage(("no card " + place).c_str());
    emulator->PlaceCard(found->second);
  }
  emulator->SetFault(plan);
  if (stdio) {
    emulator->WaitUntilDone();
  } else {
    int signal = 0;
    sigwait(&signals, &signal);
  }
  return 0;
}
