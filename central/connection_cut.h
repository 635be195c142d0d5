#pragma once

// Drops the TCP connection a request came on, from inside its handler,
// without an answer: the "cut" faults of fault_injection.h.
//
// cpp-httplib 0.11 does not give a handler its socket, so this finds it
// among the process's open descriptors by its two ends (the request's
// local and remote address and port, which identify one connection), and
// shuts it down. httplib's own write of the answer then fails and it
// closes the descriptor as usual, so nothing is closed twice.

#include <string>

#include "common/error.h"

namespace kiosk::central {

Result<void> CutConnection(const std::string& remote_addr, int remote_port, int local_port);

}  // namespace kiosk::central
