#include "drivers/printer/sim_receipt_printer.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>
#include <span>
#include <system_error>
#include <utility>
#include <vector>

#include "common/log.h"
#include "drivers/printer/escpos_encoder.h"

namespace kiosk::devices {
namespace {

constexpr std::string_view kLogComponent = "printer";

std::unexpected<Error> IoError(std::string_view action, const std::filesystem::path& path,
                               int error) {
  return Fail(ErrorCode::kIo, fmt::format("{} {}: {}", action, path.string(),
                                          std::generic_category().message(error)));
}

// Closes the descriptor on every return path.
class FileDescriptor {
 public:
  explicit FileDescriptor(int fd) : fd_(fd) {}
  ~FileDescriptor() {
    if (fd_ >= 0) ::close(fd_);
  }
  FileDescriptor(const FileDescriptor&) = delete;
  FileDescriptor& operator=(const FileDescriptor&) = delete;

  int get() const { return fd_; }
  // Closes now, so that the caller can report a failing close.
  int Close() { return ::close(std::exchange(fd_, -1)); }

 private:
  int fd_;
};

// 0 once every byte is written, else the errno of the failing write.
int WriteAll(int fd, std::span<const std::uint8_t> bytes) {
  while (!bytes.empty()) {
    const ssize_t written = ::write(fd, bytes.data(), bytes.size());
    if (written < 0) {
      if (errno == EINTR) continue;
      return errno;
    }
    bytes = bytes.subspan(static_cast<std::size_t>(written));
  }
  return 0;
}

// Appends `job` to `path` and syncs it. On failure the file is cut back to
// its old length, so a reader never sees half a job.
Result<void> AppendJob(const std::filesystem::path& path, std::span<const std::uint8_t> job) {
  FileDescriptor file(::open(path.c_str(), O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0644));
  if (file.get() < 0) return IoError("cannot open", path, errno);

  struct stat before {};
  if (::fstat(file.get(), &before) != 0) return IoError("cannot stat", path, errno);

  int error = WriteAll(file.get(), job);
  if (error == 0 && ::fsync(file.get()) != 0) error = errno;
  if (error != 0) {
    if (::ftruncate(file.get(), before.st_size) != 0) {
      log::Error(kLogComponent, "cannot remove a partial job from {}: {}", path.string(),
                 std::generic_category().message(errno));
    }
    return IoError("cannot write a job to", path, error);
  }
  if (file.Close() != 0) return IoError("cannot close", path, errno);
  return {};
}

}  // namespace

SimReceiptPrinter::SimReceiptPrinter(std::filesystem::path output, PrinterProfile profile)
    : output_(std::move(output)), profile_(std::move(profile)) {}

PrinterStatus SimReceiptPrinter::Status() {
  std::lock_guard lock(state_mutex_);
  return PrinterStatus{
      .device = device_,
      .paper = paper_,
      .cover = cover_,
      .detail = fmt::format("simulated {} printer writing to {}", profile_.name, output_.string()),
  };
}

Result<void> SimReceiptPrinter::Print(const ReceiptDocument& document) {
  // One job at a time, so jobs never interleave in the file.
  std::lock_guard job_lock(job_mutex_);
  if (auto ready = CheckReadyToPrint(Status()); !ready) {
    log::Warning(kLogComponent, "job refused: {}", ready.error().detail);
    return ready;
  }
  auto job = EncodeReceipt(document, profile_);
  if (!job) {
    log::Error(kLogComponent, "cannot encode the receipt: {}", job.error().detail);
    return std::unexpected(job.error());
  }
  if (auto appended = AppendJob(output_, *job); !appended) {
    log::Error(kLogComponent, "{}", appended.error().detail);
    return appended;
  }
  int jobs = 0;
  {
    std::lock_guard lock(state_mutex_);
    jobs = ++jobs_printed_;
  }
  log::Info(kLogComponent, "job {} printed ({} bytes) to {}", jobs, job->size(), output_.string());
  return {};
}

void SimReceiptPrinter::SetPaper(PaperState paper) {
  std::lock_guard lock(state_mutex_);
  paper_ = paper;
}

void SimReceiptPrinter::SetCover(CoverState cover) {
  std::lock_guard lock(state_mutex_);
  cover_ = cover;
}

void SimReceiptPrinter::SetOnline(bool online) {
  std::lock_guard lock(state_mutex_);
  device_ = online ? DeviceState::kOnline : DeviceState::kOffline;
}

int SimReceiptPrinter::JobsPrinted() const {
  std::lock_guard lock(state_mutex_);
  return jobs_printed_;
}

}  // namespace kiosk::devices
