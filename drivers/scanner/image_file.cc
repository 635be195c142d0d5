#include "drivers/scanner/image_file.h"

#include <stb_image.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <memory>

namespace kiosk::devices {
namespace {

struct FileCloser {
  void operator()(std::FILE* file) const { std::fclose(file); }
};

struct PixelsFree {
  void operator()(stbi_uc* pixels) const { stbi_image_free(pixels); }
};

}  // namespace

Result<GrayImage> LoadGrayImageFile(const std::string& path, std::size_t max_pixels) {
  std::error_code error;
  if (!std::filesystem::exists(path, error)) return Fail(ErrorCode::kNotFound, "no file " + path);
  if (std::filesystem::is_directory(path, error)) {
    return Fail(ErrorCode::kInvalidArgument, path + " is a directory, not an image");
  }
  std::unique_ptr<std::FILE, FileCloser> file(std::fopen(path.c_str(), "rb"));
  if (!file) return Fail(ErrorCode::kIo, "cannot open " + path + ": " + std::strerror(errno));
  // Size first: a crafted header must not make stb_image allocate
  // gigabytes.
  int width = 0;
  int height = 0;
  int channels = 0;
  if (stbi_info_from_file(file.get(), &width, &height, &channels) == 0) {
    return Fail(ErrorCode::kInvalidData,
                path + " is not an image this tool reads (" + stbi_failure_reason() + ")");
  }
  if (width <= 0 || height <= 0 ||
      static_cast<std::size_t>(width) * static_cast<std::size_t>(height) > max_pixels) {
    return Fail(ErrorCode::kInvalidData, path + ": an image of " + std::to_string(width) + "x" +
                                             std::to_string(height) + " pixels is refused");
  }
  std::unique_ptr<stbi_uc, PixelsFree> pixels(
      stbi_load_from_file(file.get(), &width, &height, &channels, 1));
  if (!pixels) {
    return Fail(ErrorCode::kInvalidData,
                path + " cannot be decoded (" + stbi_failure_reason() + ")");
  }
  GrayImage image;
  image.width = width;
  image.height = height;
  image.pixels.assign(pixels.get(), pixels.get() + static_cast<std::size_t>(width) *
                                                       static_cast<std::size_t>(height));
  return image;
}

Result<DecodedBarcode> DecodeImageFile(const std::string& path,
                                       const std::vector<Symbology>& formats) {
  auto image = LoadGrayImageFile(path);
  if (!image) return std::unexpected(image.error());
  return DecodeBarcodeThoroughly(*image, formats);
}

}  // namespace kiosk::devices
