#include "drivers/scanner/v4l2_frame_source.h"

#include <fcntl.h>
#include <linux/videodev2.h>
#include <poll.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include "drivers/scanner/frame_conversion.h"

namespace kiosk::devices {
namespace {

// ioctl, retried when a signal interrupts it.
int Control(int fd, unsigned long request, void* argument) {
  int result;
  do {
    result = ::ioctl(fd, request, argument);
  } while (result < 0 && errno == EINTR);
  return result;
}

std::string FourCc(std::uint32_t format) {
  std::string text(4, ' ');
  for (int i = 0; i < 4; ++i)
    text[static_cast<std::size_t>(i)] = static_cast<char>((format >> (8 * i)) & 0xFF);
  return text;
}

std::unexpected<Error> DeviceFailure(const std::string& what, const std::string& name) {
  const int error = errno;
  if (error == ENODEV) return Fail(ErrorCode::kDevice, name + " was unplugged");
  if (error == EBUSY) {
    return Fail(ErrorCode::kDeviceNotReady, name + " is in use by another program (" + what + ")");
  }
  return Fail(ErrorCode::kDevice, name + ": " + what + ": " + std::strerror(error));
}

}  // namespace

Result<std::unique_ptr<V4l2FrameSource>> V4l2FrameSource::Open(const std::string& path,
                                                               V4l2Options options) {
  const int fd = ::open(path.c_str(), O_RDWR | O_NONBLOCK | O_CLOEXEC);
  if (fd < 0) {
    const int error = errno;
    if (error == ENOENT || error == ENODEV || error == ENXIO) {
      return Fail(ErrorCode::kNotFound, "no video device at " + path);
    }
    if (error == EACCES || error == EPERM) {
      return Fail(ErrorCode::kDeviceNotReady,
                  "no permission to open " + path + " (add the kiosk user to the video group)");
    }
    return Fail(ErrorCode::kIo, "cannot open " + path + ": " + std::strerror(error));
  }
  auto refuse = [fd](std::unexpected<Error> failure) {
    ::close(fd);
    return failure;
  };
  v4l2_capability capability{};
  if (Control(fd, VIDIOC_QUERYCAP, &capability) != 0) {
    return refuse(Fail(ErrorCode::kInvalidArgument, path + " is not a V4L2 device"));
  }
  const std::uint32_t caps = (capability.capabilities & V4L2_CAP_DEVICE_CAPS) != 0
                                 ? capability.device_caps
                                 : capability.capabilities;
  if ((caps & V4L2_CAP_VIDEO_CAPTURE) == 0 || (caps & V4L2_CAP_STREAMING) == 0) {
    return refuse(
        Fail(ErrorCode::kInvalidArgument, path + " is not a streaming video capture device"));
  }
  std::string name = path;
  // The card name is a fixed 32-byte field, not always NUL-terminated.
  const auto* card = reinterpret_cast<const char*>(capability.card);
  name += " (" + std::string(card, ::strnlen(card, sizeof capability.card)) + ")";

  // The cheapest format the camera offers.
  const std::uint32_t preferred[] = {V4L2_PIX_FMT_GREY, V4L2_PIX_FMT_YUYV, V4L2_PIX_FMT_MJPEG};
  std::uint32_t chosen = 0;
  std::string offered;
  for (std::uint32_t want : preferred) {
    v4l2_fmtdesc description{};
    description.type = V4L2_BUF_TYPE_VIDEO_CAPTURE;
    for (description.index = 0; Control(fd, VIDIOC_ENUM_FMT, &description) == 0;
         ++description.index) {
      if (want == preferred[0])
        offered += (offered.empty() ? "" : ", ") + FourCc(description.pixelformat);
      if (description.pixelformat == want && chosen == 0) chosen = want;
    }
  }
  if (chosen == 0) {
    return refuse(Fail(ErrorCode::kInvalidArgument,
                       name + " offers none of GREY, YUYV, MJPEG (it offers " + offered + ")"));
  }
  v4l2_format format{};
  format.type = V4L2_BUF_TYPE_VIDEO_CAPTURE;
  format.fmt.pix.width = static_cast<std::uint32_t>(options.width);
  format.fmt.pix.height = static_cast<std::uint32_t>(options.height);
  format.fmt.pix.pixelformat = chosen;
  format.fmt.pix.field = V4L2_FIELD_NONE;
  if (Control(fd, VIDIOC_S_FMT, &format) != 0) return refuse(DeviceFailure("VIDIOC_S_FMT", name));
  if (format.fmt.pix.pixelformat != chosen) {
    return refuse(Fail(ErrorCode::kInvalidArgument, name + " refused format " + FourCc(chosen) +
                                                        " (gave " +
                                                        FourCc(format.fmt.pix.pixelformat) + ")"));
  }
  const int width = static_cast<int>(format.fmt.pix.width);
  const int height = static_cast<int>(format.fmt.pix.height);
  int bytes_per_line = static_cast<int>(format.fmt.pix.bytesperline);
  if (bytes_per_line == 0) bytes_per_line = chosen == V4L2_PIX_FMT_YUYV ? 2 * width : width;
  return std::unique_ptr<V4l2FrameSource>(new V4l2FrameSource(
      fd, name + " " + FourCc(chosen) + " " + std::to_string(width) + "x" + std::to_string(height),
      options, chosen, width, height, bytes_per_line));
}

V4l2FrameSource::V4l2FrameSource(int fd, std::string name, V4l2Options options,
                                 std::uint32_t pixel_format, int width, int height,
                                 int bytes_per_line)
    : fd_(fd),
      name_(std::move(name)),
      options_(options),
      pixel_format_(pixel_format),
      width_(width),
      height_(height),
      bytes_per_line_(bytes_per_line) {}

V4l2FrameSource::~V4l2FrameSource() {
  Stop();
  ::close(fd_);
}

Result<void> V4l2FrameSource::Start() {
  if (streaming_) return {};
  v4l2_requestbuffers request{};
  request.count = static_cast<std::uint32_t>(options_.buffers);
  request.type = V4L2_BUF_TYPE_VIDEO_CAPTURE;
  request.memory = V4L2_MEMORY_MMAP;
  if (Control(fd_, VIDIOC_REQBUFS, &request) != 0) return DeviceFailure("VIDIOC_REQBUFS", name_);
  if (request.count == 0) return Fail(ErrorCode::kDevice, name_ + " gave no capture buffers");
  for (std::uint32_t i = 0; i < request.count; ++i) {
    v4l2_buffer buffer{};
    buffer.type = V4L2_BUF_TYPE_VIDEO_CAPTURE;
    buffer.memory = V4L2_MEMORY_MMAP;
    buffer.index = i;
    if (Control(fd_, VIDIOC_QUERYBUF, &buffer) != 0) {
      auto failure = DeviceFailure("VIDIOC_QUERYBUF", name_);
      ReleaseBuffers();
      return failure;
    }
    void* start = ::mmap(nullptr, buffer.length, PROT_READ, MAP_SHARED, fd_, buffer.m.offset);
    if (start == MAP_FAILED) {
      auto failure = DeviceFailure("mmap", name_);
      ReleaseBuffers();
      return failure;
    }
    buffers_.push_back({start, buffer.length});
    if (Control(fd_, VIDIOC_QBUF, &buffer) != 0) {
      auto failure = DeviceFailure("VIDIOC_QBUF", name_);
      ReleaseBuffers();
      return failure;
    }
  }
  int type = V4L2_BUF_TYPE_VIDEO_CAPTURE;
  if (Control(fd_, VIDIOC_STREAMON, &type) != 0) {
    auto failure = DeviceFailure("VIDIOC_STREAMON", name_);
    ReleaseBuffers();
    return failure;
  }
  streaming_ = true;
  return {};
}

Result<GrayImage> V4l2FrameSource::NextFrame(std::chrono::milliseconds timeout) {
  if (!streaming_) return Fail(ErrorCode::kSequence, name_ + " is not streaming");
  pollfd poll_fd{fd_, POLLIN, 0};
  const int ready = ::poll(&poll_fd, 1, static_cast<int>(timeout.count()));
  if (ready == 0 || (ready < 0 && errno == EINTR)) {
    return Fail(ErrorCode::kTimeout,
                name_ + ": no frame within " + std::to_string(timeout.count()) + " ms");
  }
  if (ready < 0) return DeviceFailure("poll", name_);
  if ((poll_fd.revents & (POLLERR | POLLHUP | POLLNVAL)) != 0 && (poll_fd.revents & POLLIN) == 0) {
    return Fail(ErrorCode::kDevice, name_ + " stopped delivering frames (unplugged?)");
  }
  v4l2_buffer buffer{};
  buffer.type = V4L2_BUF_TYPE_VIDEO_CAPTURE;
  buffer.memory = V4L2_MEMORY_MMAP;
  if (Control(fd_, VIDIOC_DQBUF, &buffer) != 0) {
    if (errno == EAGAIN) return Fail(ErrorCode::kTimeout, name_ + ": no frame ready");
    return DeviceFailure("VIDIOC_DQBUF", name_);
  }
  Result<GrayImage> image;
  if (buffer.index >= buffers_.size()) {
    image = Fail(ErrorCode::kInternal, name_ + " returned an unknown buffer");
  } else if ((buffer.flags & V4L2_BUF_FLAG_ERROR) != 0) {
    image = Fail(ErrorCode::kInvalidData, name_ + ": the driver marked the frame damaged");
  } else {
    image = Convert(buffers_[buffer.index], buffer.bytesused);
  }
  // The buffer goes back to the driver whatever became of the frame.
  if (Control(fd_, VIDIOC_QBUF, &buffer) != 0) return DeviceFailure("VIDIOC_QBUF", name_);
  return image;
}

Result<GrayImage> V4l2FrameSource::Convert(const Buffer& buffer, std::size_t used) const {
  const std::span<const std::uint8_t> bytes(
      static_cast<const std::uint8_t*>(buffer.start),
      std::min(used == 0 ? buffer.length : used, buffer.length));
  switch (pixel_format_) {
    case V4L2_PIX_FMT_GREY: return GreyToGray(bytes, width_, height_, bytes_per_line_);
    case V4L2_PIX_FMT_YUYV: return YuyvToGray(bytes, width_, height_, bytes_per_line_);
    default: return JpegToGray(bytes);
  }
}

void V4l2FrameSource::Stop() {
  if (streaming_) {
    int type = V4L2_BUF_TYPE_VIDEO_CAPTURE;
    Control(fd_, VIDIOC_STREAMOFF, &type);
    streaming_ = false;
  }
  ReleaseBuffers();
}

void V4l2FrameSource::ReleaseBuffers() {
  for (const Buffer& buffer : buffers_) ::munmap(buffer.start, buffer.length);
  buffers_.clear();
  v4l2_requestbuffers request{};
  request.count = 0;
  request.type = V4L2_BUF_TYPE_VIDEO_CAPTURE;
  request.memory = V4L2_MEMORY_MMAP;
  Control(fd_, VIDIOC_REQBUFS, &request);
}

}  // namespace kiosk::devices
