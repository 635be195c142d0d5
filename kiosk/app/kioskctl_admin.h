#pragma once

// Admin mode's operator directory from the command line:
//
// `kioskctl admin hash-pin [--iterations N]`
//   reads a PIN (6 to 12 digits) from the first line of standard input and
//   prints the "pin" object of an operators.json entry,
//   {"hash":"…","iterations":N,"salt":"…"} (default N 200000). Exit 1 for
//   a PIN of the wrong form, 2 for a usage error.

#include <string>
#include <vector>

namespace kiosk::ctl {

// args: what follows "admin".
int AdminCommand(const std::vector<std::string>& args);

}  // namespace kiosk::ctl
