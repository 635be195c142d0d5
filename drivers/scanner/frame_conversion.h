#pragma once

// Camera frame formats to grayscale. Webcams deliver YUYV (4:2:2, the luma
// is every other byte) or, at 1280x720 and above, mostly MJPEG; a barcode
// needs only the luma. MJPEG frames are decoded by libjpeg(-turbo)
// straight to grayscale, which skips the colour conversion.

#include <cstdint>
#include <span>

#include "common/error.h"
#include "drivers/scanner/gray_image.h"

namespace kiosk::devices {

// `bytes_per_line` may exceed 2 * width (V4L2's bytesperline). kInvalidData
// when the frame is shorter than the size says.
Result<GrayImage> YuyvToGray(std::span<const std::uint8_t> frame, int width, int height,
                             int bytes_per_line);

// An 8-bit grayscale frame (V4L2 GREY) with its line stride.
Result<GrayImage> GreyToGray(std::span<const std::uint8_t> frame, int width, int height,
                             int bytes_per_line);

// A JPEG image (one MJPEG frame). kInvalidData for a corrupt or truncated
// frame, with libjpeg's message; frames larger than `max_pixels` are
// refused before decoding.
Result<GrayImage> JpegToGray(std::span<const std::uint8_t> jpeg,
                             std::size_t max_pixels = 4096 * 4096);

}  // namespace kiosk::devices
