#pragma once

// `kioskctl scan`: read one code from an image file or a scanner and print
// what the kiosk would make of it, as JSON.
//
//   kioskctl scan --image FILE
//   kioskctl scan --device DEV [--type camera|hid|serial] [--timeout S]
//                 [--baud N] [--terminator enter|tab|none] [--aim]
//
// Exit status: 0 a code was read and classified, 1 the file or device
// failed, 2 usage, 3 no code (none in the image, or none within the
// timeout), 4 a code was read but refused (the reason is in the JSON).

#include <string>
#include <vector>

namespace kiosk::ctl {

// args: what follows "scan".
int ScanCommand(const std::vector<std::string>& args);

}  // namespace kiosk::ctl
