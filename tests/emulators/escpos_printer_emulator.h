#pragma once

// An ESC/POS receipt printer for tests: it listens on TCP (127.0.0.1, a
// free port) as a network printer does on 9100, or serves a pty as a
// serial printer does; records every byte it receives; answers DLE EOT n
// (shared/docs/DEVICES.md: n = 1 printer, 2 offline cause, 3 error cause,
// 4 paper sensor; each answer 0xx1xx10) from its state; and produces the
// faults a kiosk meets: paper near its end, paper out before a job, paper
// running out part-way through one, the cover open, and the printer gone.
// The status bits are written here from the document, sharing no code
// with the driver under test; tests decode what it printed with
// tests/support/escpos_decoder. By hand: escpos_printer_emulator_main.cc.
//
//   auto printer = EscPosPrinterEmulator::ListenTcp();
//   ... ConnectTcpPrinter("127.0.0.1", (*printer)->Port(), ...)

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <stop_token>
#include <string>
#include <thread>
#include <vector>

#include "common/error.h"

namespace kiosk::emulators {

class EscPosPrinterEmulator {
 public:
  // Listens on 127.0.0.1 at `port` (0: a port the system picks); one
  // client at a time, a new one accepted when the last one closed. kIo on
  // socket failures.
  static Result<std::unique_ptr<EscPosPrinterEmulator>> ListenTcp(std::uint16_t port = 0);
  // A new pty pair; the driver opens PortPath(). kIo without ptys.
  static Result<std::unique_ptr<EscPosPrinterEmulator>> OpenPty();
  ~EscPosPrinterEmulator();
  EscPosPrinterEmulator(const EscPosPrinterEmulator&) = delete;
  EscPosPrinterEmulator& operator=(const EscPosPrinterEmulator&) = delete;

  std::uint16_t Port() const { return port_; }
  const std::string& PortPath() const { return port_path_; }

  // The printer's state; every change is seen by the next DLE EOT.
  void SetPaperNearEnd(bool near_end);
  void SetPaperOut(bool out);
  void SetCoverOpen(bool open);
  // Paper runs out once `bytes` more bytes of print data have arrived
  // (status queries do not count); later data is not printed.
  void RunOutOfPaperAfter(std::size_t bytes);
  // Answers DLE EOT with `byte` instead of the real status (0xFF, say, to
  // check that the driver refuses bytes without the status pattern).
  void AnswerStatusWith(std::optional<std::uint8_t> byte);
  // The printer is switched off or unplugged: the TCP connection and the
  // listening socket close, and nothing is answered any more.
  void GoAway();

  // Every byte received, status queries included.
  std::vector<std::uint8_t> Received() const;
  // The print data that reached paper: what was received, less the DLE EOT
  // queries and whatever arrived while the printer could not print.
  std::vector<std::uint8_t> Printed() const;
  int StatusQueriesAnswered() const;
  // Clients accepted so far (TCP).
  int Connections() const;

 private:
  EscPosPrinterEmulator(int listen_fd, std::uint16_t port, int master_fd, int slave_fd,
                        std::string path);
  void Serve(std::stop_token stop);
  void Consume(const std::uint8_t* bytes, std::size_t count, int reply_fd);
  std::uint8_t StatusAnswer(std::uint8_t n) const;  // Callers hold mutex_.
  bool CanPrint() const;                             // Callers hold mutex_.

  int listen_fd_;
  std::uint16_t port_;
  int client_fd_ = -1;
  int master_fd_;
  int slave_fd_;  // Kept open so the master never sees a hang-up between clients.
  std::string port_path_;

  mutable std::mutex mutex_;
  bool near_end_ = false;
  bool paper_out_ = false;
  bool cover_open_ = false;
  bool gone_ = false;
  std::optional<std::size_t> paper_left_;
  std::optional<std::uint8_t> forced_answer_;
  std::vector<std::uint8_t> received_;
  std::vector<std::uint8_t> printed_;
  // DLE EOT split over two reads: how much of it was seen (0, 1 or 2).
  int pending_status_prefix_ = 0;
  int status_queries_ = 0;
  int connections_ = 0;

  std::jthread thread_;
};

}  // namespace kiosk::emulators
