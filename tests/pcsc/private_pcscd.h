#pragma once

// A pcscd of the test's own, so PC/SC tests run in parallel: its reader
// configuration (-c DIR) loads vpcd on a free port pair (vpcd serves two
// slots, "Virtual PCD 00 00" on PORT and "... 00 01" on PORT+1), and its
// client socket is handed over by socket activation (LISTEN_FDS /
// LISTEN_PID, as systemd does) at a path of this process; libpcsclite
// finds it through PCSCLITE_CSOCK_NAME. libpcsclite reads that variable
// once per process, so every pcscd this process starts uses the same path
// (pcscd 1.9.9 itself ignores the variable, hence the activation).
//
// pcscd writes /run/pcscd/pcscd.pid whatever it is told; parallel ones
// overwrite each other's, which nothing here reads.

#include <sys/types.h>

#include <cstdint>
#include <string>

#include "common/error.h"

namespace kiosk::testing {

enum class WithVpcd { kYes, kNo };

class PrivatePcscd {
 public:
  // Sets PCSCLITE_CSOCK_NAME for this process (once); call before any
  // SCard function.
  static const std::string& SocketPath();

  PrivatePcscd() = default;
  ~PrivatePcscd();
  PrivatePcscd(const PrivatePcscd&) = delete;
  PrivatePcscd& operator=(const PrivatePcscd&) = delete;

  // Starts pcscd -f on a fresh port pair (with vpcd) or none (no reader).
  Result<void> Start(WithVpcd vpcd = WithVpcd::kYes);
  // SIGTERM, then SIGKILL after 5 s; removes the socket so clients see
  // "no service".
  void Stop();
  bool Running() const { return pid_ > 0; }

  // vpcd's port for slot 0; slot 1 is one more.
  std::uint16_t Port() const { return port_; }
  // pcscd's output, for a failing test's report.
  std::string Log() const;

 private:
  pid_t pid_ = -1;
  std::uint16_t port_ = 0;
  std::string dir_;
};

}  // namespace kiosk::testing
