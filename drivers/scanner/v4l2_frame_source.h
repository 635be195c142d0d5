#pragma once

// Frames from a V4L2 camera (/dev/videoN) by memory-mapped streaming I/O.
// The format is chosen from what the camera offers, in this order: GREY
// (no conversion), YUYV (luma only), MJPEG (libjpeg to grayscale); the
// size asked for is 1280x720, and the driver may pick the nearest it has.

#include <memory>
#include <string>
#include <vector>

#include "drivers/scanner/frame_source.h"

namespace kiosk::devices {

struct V4l2Options {
  int width = 1280;
  int height = 720;
  int buffers = 4;
};

class V4l2FrameSource final : public FrameSource {
 public:
  // Opens the device and sets its format. kNotFound when there is no such
  // device, kDeviceNotReady without permission (the video group),
  // kInvalidArgument when it is not a streaming capture device or offers
  // none of the formats above.
  static Result<std::unique_ptr<V4l2FrameSource>> Open(const std::string& path,
                                                       V4l2Options options = {});
  ~V4l2FrameSource() override;

  std::string Name() const override { return name_; }
  Result<void> Start() override;
  Result<GrayImage> NextFrame(std::chrono::milliseconds timeout) override;
  void Stop() override;

 private:
  struct Buffer {
    void* start = nullptr;
    std::size_t length = 0;
  };

  V4l2FrameSource(int fd, std::string name, V4l2Options options, std::uint32_t pixel_format,
                  int width, int height, int bytes_per_line);
  Result<GrayImage> Convert(const Buffer& buffer, std::size_t used) const;
  void ReleaseBuffers();

  const int fd_;
  const std::string name_;
  const V4l2Options options_;
  const std::uint32_t pixel_format_;
  const int width_;
  const int height_;
  const int bytes_per_line_;
  std::vector<Buffer> buffers_;
  bool streaming_ = false;
};

}  // namespace kiosk::devices
