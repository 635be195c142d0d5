#pragma once

// The outbox from the command line (DESIGN.md, "Central services"):
//
// `kioskctl submit --item ID --data FILE [--identity FILE] [--region R]
//                  [--data-dir DIR] [--config DIR]`
//   queues a submission exactly as a citizen's confirm does (the same
//   envelope and a fresh idempotency key, submission_envelope.h). FILE is a
//   JSON object whose members are fields of the item, with string values;
//   --identity FILE is the identity part (Identity::ToRequestJson's shape),
//   {"method":"kioskctl"} when absent. The region is routed as the session
//   routes it unless --region names one. Prints
//   {"id":…,"idempotency_key":"…","acceptance_number":"…","region":"…"}.
//
// `kioskctl queue status [--data-dir DIR] [--json]`
//   counts by state and by region, the age of the oldest pending row, and
//   the dead letters with their reasons.
//
// `kioskctl queue retry ID [--data-dir DIR]`
//   puts a dead letter back to pending, due now, its attempts kept.
//
// `kioskctl queue deliver [--central URL] [--until-empty] [--timeout S]
//                         [--first-backoff-ms N] [--max-backoff-ms N]
//                         [--data-dir DIR] [--config DIR]`
//   runs the delivery worker over the outbox: one pass, or with
//   --until-empty until no row is pending or in flight (at most --timeout
//   seconds, default 60). --central sends every region to URL instead of
//   the endpoints in kiosk.json. Prints the counts afterwards as JSON.
//
// DIR defaults: --data-dir /var/lib/kiosk (the outbox is DIR/outbox.sqlite),
// --config the repository's firmware_config. Exit status:
//    0  done
//    1  another failure (the outbox or the configuration cannot be read)
//    2  usage error
//    3  the item is not in the catalog, does not submit, or is not handled
//       in the region asked for
//    4  the data or identity file is unreadable or not what the item takes
//    5  queue retry: no such row
//    6  queue retry: the row is not a dead letter
//    7  queue deliver --until-empty: rows still waiting at the timeout

#include <string>
#include <vector>

namespace kiosk::ctl {

// args: what follows "submit".
int SubmitCommand(const std::vector<std::string>& args, const std::string& default_config_dir);

// args: what follows "queue".
int QueueCommand(const std::vector<std::string>& args, const std::string& default_config_dir);

}  // namespace kiosk::ctl
