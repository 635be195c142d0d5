#include "drivers/speech/pcm_sink.h"

namespace kiosk::devices {

PcmSink::~PcmSink() = default;

}  // namespace kiosk::devices
