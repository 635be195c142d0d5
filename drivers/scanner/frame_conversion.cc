#include "drivers/scanner/frame_conversion.h"

// libjpeg's header needs FILE and size_t declared before it.
#include <cstdio>
#include <cstring>
// clang-format off
#include <jpeglib.h>
// clang-format on
#include <fmt/format.h>

#include <csetjmp>
#include <memory>

namespace kiosk::devices {
namespace {

Result<void> CheckFrameSize(std::size_t available, int width, int height, int bytes_per_line,
                            int bytes_per_pixel) {
  if (width <= 0 || height <= 0 || bytes_per_line < width * bytes_per_pixel) {
    return Fail(ErrorCode::kInvalidArgument,
                fmt::format("frame size {}x{} with {} bytes a line is impossible", width, height,
                            bytes_per_line));
  }
  const std::size_t needed =
      static_cast<std::size_t>(bytes_per_line) * static_cast<std::size_t>(height - 1) +
      static_cast<std::size_t>(width * bytes_per_pixel);
  if (available < needed) {
    return Fail(ErrorCode::kInvalidData,
                fmt::format("frame of {} bytes, {}x{} needs {}", available, width, height, needed));
  }
  return {};
}

// libjpeg reports a fatal error by calling error_exit, which must not
// return. It jumps back to the setjmp in DecodeJpeg; every object alive in
// between is trivially destructible (the output vector lives in `context`,
// which outlives the jump), so nothing is skipped.
struct JpegContext {
  jpeg_decompress_struct decoder{};
  jpeg_error_mgr errors{};
  std::jmp_buf jump{};
  char message[JMSG_LENGTH_MAX] = {};
  GrayImage image;
};

[[noreturn]] void OnJpegError(j_common_ptr info) {
  auto* context = static_cast<JpegContext*>(info->client_data);
  (*info->err->format_message)(info, context->message);
  std::longjmp(context->jump, 1);
}

// Warnings ("Corrupt JPEG data: extraneous bytes before marker") are
// routine with some webcams: the frame still decodes, and a damaged one
// simply holds no readable code.
void OnJpegMessage(j_common_ptr, int) {}

// Returns false (message in context) on any libjpeg error.
bool DecodeJpeg(JpegContext* context, const std::uint8_t* data, std::size_t size,
                std::size_t max_pixels) {
  context->decoder.err = jpeg_std_error(&context->errors);
  context->errors.error_exit = OnJpegError;
  context->errors.emit_message = OnJpegMessage;
  context->decoder.client_data = context;
  if (setjmp(context->jump) != 0) {
    jpeg_destroy_decompress(&context->decoder);
    return false;
  }
  jpeg_create_decompress(&context->decoder);
  jpeg_mem_src(&context->decoder, data, static_cast<unsigned long>(size));
  jpeg_read_header(&context->decoder, TRUE);
  const std::size_t pixels =
      static_cast<std::size_t>(context->decoder.image_width) * context->decoder.image_height;
  if (pixels == 0 || pixels > max_pixels) {
    std::snprintf(context->message, sizeof context->message, "JPEG of %ux%u pixels refused",
                  context->decoder.image_width, context->decoder.image_height);
    jpeg_destroy_decompress(&context->decoder);
    return false;
  }
  // libjpeg-turbo supplies the standard Huffman tables that MJPEG frames
  // leave out, so a webcam frame decodes like any JPEG.
  context->decoder.out_color_space = JCS_GRAYSCALE;
  jpeg_start_decompress(&context->decoder);
  context->image.width = static_cast<int>(context->decoder.output_width);
  context->image.height = static_cast<int>(context->decoder.output_height);
  context->image.pixels.resize(pixels);
  while (context->decoder.output_scanline < context->decoder.output_height) {
    JSAMPROW row =
        context->image.pixels.data() +
        static_cast<std::size_t>(context->decoder.output_scanline) * context->decoder.output_width;
    jpeg_read_scanlines(&context->decoder, &row, 1);
  }
  jpeg_finish_decompress(&context->decoder);
  jpeg_destroy_decompress(&context->decoder);
  return true;
}

}  // namespace

Result<GrayImage> YuyvToGray(std::span<const std::uint8_t> frame, int width, int height,
                             int bytes_per_line) {
  if (auto ok = CheckFrameSize(frame.size(), width, height, bytes_per_line, 2); !ok) {
    return std::unexpected(ok.error());
  }
  GrayImage image;
  image.width = width;
  image.height = height;
  image.pixels.resize(static_cast<std::size_t>(width) * static_cast<std::size_t>(height));
  for (int y = 0; y < height; ++y) {
    const std::uint8_t* source = frame.data() + static_cast<std::size_t>(y) * bytes_per_line;
    std::uint8_t* target = image.pixels.data() + static_cast<std::size_t>(y) * width;
    for (int x = 0; x < width; ++x) target[x] = source[2 * x];  // Y0 U Y1 V
  }
  return image;
}

Result<GrayImage> GreyToGray(std::span<const std::uint8_t> frame, int width, int height,
                             int bytes_per_line) {
  if (auto ok = CheckFrameSize(frame.size(), width, height, bytes_per_line, 1); !ok) {
    return std::unexpected(ok.error());
  }
  GrayImage image;
  image.width = width;
  image.height = height;
  image.pixels.resize(static_cast<std::size_t>(width) * static_cast<std::size_t>(height));
  for (int y = 0; y < height; ++y) {
    std::memcpy(image.pixels.data() + static_cast<std::size_t>(y) * width,
                frame.data() + static_cast<std::size_t>(y) * bytes_per_line,
                static_cast<std::size_t>(width));
  }
  return image;
}

Result<GrayImage> JpegToGray(std::span<const std::uint8_t> jpeg, std::size_t max_pixels) {
  if (jpeg.size() < 4 || jpeg[0] != 0xFF || jpeg[1] != 0xD8) {
    return Fail(ErrorCode::kInvalidData, "not a JPEG frame (no SOI marker)");
  }
  auto context = std::make_unique<JpegContext>();
  if (!DecodeJpeg(context.get(), jpeg.data(), jpeg.size(), max_pixels)) {
    return Fail(ErrorCode::kInvalidData, std::string("JPEG frame: ") + context->message);
  }
  return std::move(context->image);
}

}  // namespace kiosk::devices
