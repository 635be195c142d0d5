#pragma once

// Diagnostics from the command line, for staff at a kiosk whose UI does not
// come up (issue 9). Read-only: it learns what it can offline.
//
// `kioskctl diagnostics export [--config DIR] [--data-dir DIR] [--to DIR]`
//   writes a diagnostics bundle (diagnostics_bundle.h) into DIR, or onto
//   the first USB drive mounted under /media or /run/media when --to is
//   absent, and prints its path. It holds the config's identity, the
//   applied configuration version (DATA_DIR/config), the outbox counts,
//   the TLS certificates' expiry and DATA_DIR/logs/kiosk.log if there is
//   one — all scrubbed of personal data. Device and network states are
//   known only to the running kiosk; the bundle says so.
//
// `kioskctl certs [--config DIR] [--json]`
//   each TLS certificate the config names: subject, issuer, expiry date
//   and days left.
//
// DIR defaults: --config the repository's firmware_config, --data-dir
// /var/lib/kiosk. Exit status:
//    0  done
//    1  the configuration, a certificate or the export target failed
//    2  usage error
//    3  certs: a certificate has expired

#include <string>
#include <vector>

namespace kiosk::ctl {

// args: what follows "diagnostics".
int DiagnosticsCommand(const std::vector<std::string>& args, const std::string& default_config_dir,
                       const std::string& software_version);

// args: what follows "certs".
int CertsCommand(const std::vector<std::string>& args, const std::string& default_config_dir);

}  // namespace kiosk::ctl
