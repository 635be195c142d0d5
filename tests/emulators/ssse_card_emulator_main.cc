// ssse_card_emulator: a 社保卡 in vpcd's virtual reader, for trying the
// driver or kioskctl by hand against a running pcscd with vpcd:
//   ssse_card_emulator [--port N] [--cards FILE] --insert ID [--status SW --on LABEL]
//                      [--get-response N] [--exact-le] [--remove-at N]
// It inserts the card, serves until vpcd or a planned removal ends the
// connection, or until interrupted (the card is then removed).

#include <atomic>
#include <csignal>
#include <cstdio>
#include <string>
#include <thread>

#include "tests/emulators/ssse_card_emulator.h"

namespace {

int Usage(const char* problem) {
  std::fprintf(stderr,
               "ssse_card_emulator: %s\nusage: ssse_card_emulator [--port N] [--cards FILE] "
               "--insert ID [--status SW --on LABEL] [--get-response N] [--exact-le] "
               "[--remove-at N]\n",
               problem);
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  std::string cards_file =
      std::string(KIOSK_SOURCE_DIR) + "/firmware_config/sim/social_security_cards.json";
  std::string insert;
  int port = 35963;
  kiosk::emulators::SsseFaultPlan plan;
  try {
    for (int i = 1; i < argc; ++i) {
      const std::string arg = argv[i];
      const bool has_value = i + 1 < argc;
      if (arg == "--port" && has_value) {
        port = std::stoi(argv[++i]);
      } else if (arg == "--cards" && has_value) {
        cards_file = argv[++i];
      } else if (arg == "--insert" && has_value) {
        insert = argv[++i];
      } else if (arg == "--status" && has_value) {
        plan.status = static_cast<std::uint16_t>(std::stoul(argv[++i], nullptr, 16));
      } else if (arg == "--on" && has_value) {
        plan.on = argv[++i];
      } else if (arg == "--get-response" && has_value) {
        plan.get_response_chunk = std::stoul(argv[++i]);
      } else if (arg == "--exact-le") {
        plan.exact_le = true;
      } else if (arg == "--remove-at" && has_value) {
        plan.remove_at_apdu = std::stoi(argv[++i]);
      } else {
        return Usage(("unexpected argument " + arg).c_str());
      }
    }
  } catch (const std::exception&) {
    return Usage("a number is not a number");
  }
  if (insert.empty()) return Usage("--insert ID is needed");
  auto cards = kiosk::emulators::LoadEmulatedSsseCards(cards_file);
  if (!cards) return Usage(cards.error().Describe().c_str());
  const auto card = cards->find(insert);
  if (card == cards->end()) return Usage(("no card " + insert).c_str());

  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);

  kiosk::emulators::SsseCardEmulator emulator(static_cast<std::uint16_t>(port));
  emulator.SetFault(plan);
  if (auto inserted = emulator.Insert(card->second); !inserted) {
    std::fprintf(stderr, "ssse_card_emulator: %s\n", inserted.error().Describe().c_str());
    return 1;
  }
  std::printf("INSERTED %s on port %d\n", insert.c_str(), port);
  std::fflush(stdout);
  // A signal ends it (removing the card); so does vpcd going away.
  static std::atomic<bool> interrupted{false};
  std::thread waiter([signals] {
    int signal = 0;
    sigwait(&signals, &signal);
    interrupted = true;
  });
  waiter.detach();
  while (emulator.Inserted() && !interrupted) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  emulator.Remove();
  std::printf("REMOVED after %d APDUs\n", emulator.ApdusReceived());
  return 0;
}
