#pragma once

// Signed configuration bundles from the command line (headquarters'
// tooling; the format is docs/CONFIG_BUNDLES.md):
//
// `kioskctl config keygen --scheme ed25519|sm2 --out PREFIX`
//   a new key: PREFIX.key (PKCS#8 PEM, mode 0600) and PREFIX.pub (PEM);
//   prints the key id. Never overwrites a file.
//
// `kioskctl config sign DIR --key K [--key K2 ...] --version N --expires DATE
//                       --target SPEC [--target SPEC ...] [--exclude PATH ...]
//                       --out BUNDLE`
//   signs every regular file under DIR (less each --exclude, a relative
//   file or folder) into BUNDLE/targets.json and copies them to
//   BUNDLE/files/. SPEC is "region=440300,group=hall-a,kiosk=K-0001" (any
//   of them, each repeatable) or "all" (every region). DATE is
//   YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ (UTC). A file holding a PEM private
//   key is refused (exit 5): keys/dev-private must be excluded.
//
// `kioskctl config verify BUNDLE [--root ROOTFILE] [--current-version N]
//                         [--region R] [--kiosk-id ID] [--group G ...] [--now DATE]`
//   verifies BUNDLE as a kiosk would: signatures by the trusted root's
//   targets keys (default ROOTFILE: firmware_config/keys/root.json),
//   version above N (default 0), expiry against DATE (default now), the
//   files; targeting too when --region, --kiosk-id or --group is given.
//   Prints a summary; a refusal prints "refused: REASON: detail".
//
// `kioskctl config root --root-key PUB ... [--root-threshold N]
//                       --targets-key PUB ... [--targets-threshold N]
//                       --version N --expires DATE --sign-with KEY ...
//                       [--previous ROOTFILE] --out FILE`
//   writes root metadata. With --previous the new root must be a valid
//   rotation of it (version + 1, signed by a threshold of the previous
//   root's root keys and of its own: give both in --sign-with); without,
//   it must be version 1 signed by a threshold of its own root keys.
//
// `kioskctl config publish BUNDLE --repo DIR [--root ROOTFILE ...]`
//   adds each ROOTFILE to DIR/root/<version>.root.json, checks the whole
//   root chain of DIR/root/, verifies BUNDLE against its last root and
//   above the version DIR already serves, then writes DIR/files/<sha256>
//   (content-addressed), DIR/<version>.targets.json and last, atomically
//   (temporary file, fsync, rename), DIR/targets.json.
//
// Exit status:
//    0  done
//    1  another failure (unreadable key or file, I/O)
//    2  usage error
//    3  refused by verification; the reason is printed (docs/CONFIG_BUNDLES.md)
//    4  an output file or folder already exists
//    5  sign: a file under DIR holds a private key

#include <string>
#include <vector>

namespace kiosk::ctl {

// args: what follows "config" (keygen, sign, verify, root, publish);
// config_dir: the shipped firmware_config (its keys/root.json is the
// default trusted root).
int ConfigBundleCommand(const std::vector<std::string>& args, const std::string& config_dir);

}  // namespace kiosk::ctl
