#pragma once

// `kioskctl idcard read [--port DEV | --usb VID:PID | --profile FILE] [--unmasked] [--timeout S]`:
// reads the resident ID card (居民身份证) on the SAM reader and prints its
// fields as JSON: the ID number masked and the address cut after the
// district unless --unmasked. The reader is the serial port DEV, the USB
// device VID:PID, or the one the profile names (default: the shipped
// firmware_config/devices/id_card_reader.json). Waits up to --timeout
// seconds (default 10) for a card. Exit status:
//    0  the card was read
//    1  another failure
//    2  usage error
//    3  the reader cannot be opened (no such port or USB device, busy, not permitted)
//    4  no card on the reader within the timeout
//    5  the card was taken away during the read
//    6  the card could not be selected or read, or is not a resident ID card
//    7  authentication between the card and the SAM failed (SW3 31, 32, 33)
//    8  the card's data does not check out (e.g. the ID number's check character)
//    9  the reader did not answer, or stopped answering part-way
//   10  the line corrupted the frames (bad checksums, twice)
//   11  the reader or its SAM reported another fault

#include <string>
#include <vector>

#include "common/error.h"

namespace kiosk::ctl {

// args: what follows "idcard".
int IdCardCommand(const std::vector<std::string>& args);

// The exit status above for a reader error (exposed for tests).
int IdCardExitStatus(const Error& error);

// "广东省深圳市福田区莲花街道…" → "广东省深圳市福田区****": the address down
// to the district (county) level, so staff can check a reader without
// seeing where a citizen lives.
std::string MaskAddressToDistrict(const std::string& address);

}  // namespace kiosk::ctl
