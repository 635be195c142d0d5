#pragma once

// The admin audit log from the command line (kiosk/core/admin/audit_log.h):
//
// `kioskctl audit verify FILE`
//   checks the hash chain. Prints "intact: N records, head seq S hash H"
//   and exits 0, or prints "record N (line L): REASON" for the first bad
//   record (changed, removed, reordered, inserted, or a torn last line)
//   and exits 1. Exit 2: usage error or the file cannot be read.
//
// `kioskctl audit show FILE [--last N]`
//   prints the records one per line (all of them, or the last N):
//   seq, UTC time, actor, action, outcome, detail as JSON.

#include <string>
#include <vector>

namespace kiosk::ctl {

// args: what follows "audit".
int AuditCommand(const std::vector<std::string>& args);

}  // namespace kiosk::ctl
