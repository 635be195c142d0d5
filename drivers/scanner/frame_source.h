#pragma once

// Where a camera scanner gets its frames: a V4L2 device on the kiosk
// (v4l2_frame_source.h), recorded or generated frames in tests.

#include <chrono>
#include <string>

#include "common/error.h"
#include "drivers/scanner/gray_image.h"

namespace kiosk::devices {

class FrameSource {
 public:
  virtual ~FrameSource();

  virtual std::string Name() const = 0;
  // Starts streaming. kDeviceNotReady when another program uses the camera.
  virtual Result<void> Start() = 0;
  // The next frame as grayscale: kTimeout when none came in `timeout`,
  // kInvalidData for a frame that cannot be decoded (skip it), kDevice
  // when the camera failed or was unplugged (stop).
  virtual Result<GrayImage> NextFrame(std::chrono::milliseconds timeout) = 0;
  virtual void Stop() = 0;
};

}  // namespace kiosk::devices
