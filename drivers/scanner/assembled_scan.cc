#include "drivers/scanner/assembled_scan.h"

namespace kiosk::devices {

ScanEvent ToScanEvent(AssembledScan scan, bool aim_identifier) {
  const Symbology symbology = aim_identifier ? TakeAimIdentifier(scan.text) : Symbology::kUnknown;
  if (scan.problem) {
    return MakeRefusedScanEvent(symbology, std::move(scan.text), std::move(*scan.problem));
  }
  return MakeScanEvent(symbology, std::move(scan.text));
}

}  // namespace kiosk::devices
