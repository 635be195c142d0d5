// escpos_printer_emulator: a receipt printer for trying the driver or
// kioskctl by hand.
//   escpos_printer_emulator [--port N | --pty] [--paper-near-end] [--paper-out]
//                           [--cover-open] [--paper-out-after BYTES] [--out FILE]
// Prints "PORT <number>" (TCP on 127.0.0.1; --port 0, the default, picks a
// free port) or "PORT <pty path>", serves until SIGINT or SIGTERM, then
// writes what reached paper (ESC/POS bytes, status queries removed) to
// FILE. Then, e.g.:
//   kioskctl print receipt --printer tcp://127.0.0.1:PORT
//     --template firmware_config/receipts/social_insurance_payment.json
//     --data firmware_config/receipts/social_insurance_payment.example-data.json
// (one command line).

#include <pthread.h>

#include <csignal>
#include <cstdio>
#include <fstream>
#include <string>

#include "tests/emulators/escpos_printer_emulator.h"

namespace {

int Usage(const char* problem) {
  std::fprintf(stderr,
               "escpos_printer_emulator: %s\nusage: escpos_printer_emulator [--port N | --pty] "
               "[--paper-near-end] [--paper-out] [--cover-open] [--paper-out-after BYTES] "
               "[--out FILE]\n",
               problem);
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  using kiosk::emulators::EscPosPrinterEmulator;
  bool pty = false;
  int port = 0;
  bool near_end = false;
  bool paper_out = false;
  bool cover_open = false;
  long long paper_out_after = -1;
  std::string out;
  try {
    for (int i = 1; i < argc; ++i) {
      const std::string arg = argv[i];
      const bool has_value = i + 1 < argc;
      if (arg == "--pty") {
        pty = true;
      } else if (arg == "--port" && has_value) {
        port = std::stoi(argv[++i]);
        if (port < 0 || port > 65535) return Usage("--port takes 0-65535");
      } else if (arg == "--paper-near-end") {
        near_end = true;
      } else if (arg == "--paper-out") {
        paper_out = true;
      } else if (arg == "--cover-open") {
        cover_open = true;
      } else if (arg == "--paper-out-after" && has_value) {
        paper_out_after = std::stoll(argv[++i]);
        if (paper_out_after < 0) return Usage("--paper-out-after takes a byte count");
      } else if (arg == "--out" && has_value) {
        out = argv[++i];
      } else {
        return Usage(("unexpected argument " + arg).c_str());
      }
    }
  } catch (const std::exception&) {
    return Usage("a number was expected");
  }
  // SIGINT and SIGTERM end it through sigwait below; blocked before the
  // serving thread starts so that it inherits the mask.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);

  auto emulator = pty ? EscPosPrinterEmulator::OpenPty()
                      : EscPosPrinterEmulator::ListenTcp(static_cast<std::uint16_t>(port));
  if (!emulator) return Usage(emulator.error().Describe().c_str());
  EscPosPrinterEmulator& printer = **emulator;
  printer.SetPaperNearEnd(near_end);
  printer.SetPaperOut(paper_out);
  printer.SetCoverOpen(cover_open);
  if (paper_out_after >= 0) printer.RunOutOfPaperAfter(static_cast<std::size_t>(paper_out_after));
  if (pty) {
    std::printf("PORT %s\n", printer.PortPath().c_str());
  } else {
    std::printf("PORT %u\n", static_cast<unsigned>(printer.Port()));
  }
  std::fflush(stdout);

  int signal = 0;
  sigwait(&signals, &signal);
  if (!out.empty()) {
    const auto printed = printer.Printed();
    std::ofstream file(out, std::ios::binary);
    file.write(reinterpret_cast<const char*>(printed.data()),
               static_cast<std::streamsize>(printed.size()));
    if (!file) {
      std::fprintf(stderr, "escpos_printer_emulator: cannot write %s\n", out.c_str());
      return 1;
    }
  }
  return 0;
}
