#include "tests/emulators/sam_emulator.h"

#include <fcntl.h>
#include <poll.h>
#include <pty.h>
#include <sys/eventfd.h>
#include <termios.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <condition_variable>
#include <cstring>
#include <fstream>
#include <nlohmann/json.hpp>

namespace kiosk::emulators {
namespace {

using Bytes = std::vector<std::uint8_t>;

constexpr std::array<std::uint8_t, 5> kPreamble = {0xAA, 0xAA, 0xAA, 0x96, 0x69};
constexpr std::size_t kLongestRequest = 4096;

// Field sizes of the card text in bytes, in order (DEVICES.md).
constexpr std::size_t kNameBytes = 30, kGenderBytes = 2, kNationBytes = 4, kDateBytes = 16,
                      kAddressBytes = 70, kIdBytes = 36, kAuthorityBytes = 30, kTextBytes = 256,
                      kPhotoBytes = 1024;

// UTF-8 to UCS-2LE, right-padded with spaces to `size` bytes (cut if longer).
void AppendUcs2(Bytes& out, const std::string& text, std::size_t size) {
  Bytes field;
  for (std::size_t i = 0; i < text.size();) {
    const auto lead = static_cast<unsigned char>(text[i]);
    char32_t c = lead;
    std::size_t length = 1;
    if (lead >= 0xF0) {
      c = lead & 0x07, length = 4;
    } else if (lead >= 0xE0) {
      c = lead & 0x0F, length = 3;
    } else if (lead >= 0xC0) {
      c = lead & 0x1F, length = 2;
    }
    for (std::size_t k = 1; k < length && i + k < text.size(); ++k) {
      c = (c << 6) | (static_cast<unsigned char>(text[i + k]) & 0x3F);
    }
    i += length;
    if (c >= 0x10000) {  // A surrogate pair, as UTF-16 has it.
      const char32_t v = c - 0x10000;
      for (char32_t unit : {0xD800 + (v >> 10), 0xDC00 + (v & 0x3FF)}) {
        field.push_back(static_cast<std::uint8_t>(unit & 0xFF));
        field.push_back(static_cast<std::uint8_t>(unit >> 8));
      }
      continue;
    }
    field.push_back(static_cast<std::uint8_t>(c & 0xFF));
    field.push_back(static_cast<std::uint8_t>(c >> 8));
  }
  field.resize(std::min(field.size(), size));
  while (field.size() < size) {
    field.push_back(0x20);
    field.push_back(0x00);
  }
  out.insert(out.end(), field.begin(), field.end());
}

Bytes Frame(std::uint8_t sw3, const Bytes& data) {
  const std::size_t length = 3 + data.size() + 1;
  Bytes frame(kPreamble.begin(), kPreamble.end());
  frame.push_back(static_cast<std::uint8_t>(length >> 8));
  frame.push_back(static_cast<std::uint8_t>(length & 0xFF));
  frame.insert(frame.end(), {0x00, 0x00, sw3});
  frame.insert(frame.end(), data.begin(), data.end());
  std::uint8_t sum = 0;
  for (std::size_t i = kPreamble.size(); i < frame.size(); ++i) sum ^= frame[i];
  frame.push_back(sum);
  return frame;
}

std::string DateDigits(const std::string& iso) {
  std::string digits;
  for (char c : iso) {
    if (c != '-') digits += c;
  }
  return digits;
}

}  // namespace

Bytes CardText(const EmulatedIdCard& card) {
  if (!card.raw_text.empty()) return card.raw_text;
  Bytes text;
  AppendUcs2(text, card.name, kNameBytes);
  AppendUcs2(text, card.gender_code, kGenderBytes);
  AppendUcs2(text, card.nation_code, kNationBytes);
  AppendUcs2(text, card.birth_date, kDateBytes);
  AppendUcs2(text, card.address, kAddressBytes);
  AppendUcs2(text, card.id_number, kIdBytes);
  AppendUcs2(text, card.issuing_authority, kAuthorityBytes);
  AppendUcs2(text, card.valid_from, kDateBytes);
  AppendUcs2(text, card.valid_to, kDateBytes);
  AppendUcs2(text, "", kTextBytes - text.size());
  return text;
}

Result<std::map<std::string, EmulatedIdCard>> LoadEmulatedIdCards(const std::string& path) {
  std::ifstream in(path);
  if (!in) return Fail(ErrorCode::kIo, "cannot open " + path);
  auto document = nlohmann::json::parse(in, nullptr, false);
  if (document.is_discarded() || !document.contains("cards")) {
    return Fail(ErrorCode::kInvalidData, path + ": no \"cards\"");
  }
  std::map<std::string, EmulatedIdCard> cards;
  for (const auto& entry : document["cards"]) {
    EmulatedIdCard card;
    card.name = entry.value("name", "");
    card.gender_code = entry.value("gender_code", "");
    card.nation_code = entry.value("nation_code", "");
    card.birth_date = DateDigits(entry.value("birth_date", ""));
    card.address = entry.value("address", "");
    card.id_number = entry.value("id_number", "");
    card.issuing_authority = entry.value("issuing_authority", "");
    card.valid_from = DateDigits(entry.value("valid_from", ""));
    const std::string valid_to = entry.value("valid_to", "");
    card.valid_to = valid_to == "长期" ? valid_to : DateDigits(valid_to);
    card.appended_address = entry.value("appended_address", "");
    cards[entry.value("id", "")] = std::move(card);
  }
  return cards;
}

Result<std::unique_ptr<SamEmulator>> SamEmulator::OpenPty() {
  int master = -1;
  int slave = -1;
  if (::openpty(&master, &slave, nullptr, nullptr, nullptr) != 0) {
    return Fail(ErrorCode::kIo, std::string("openpty: ") + std::strerror(errno));
  }
  // Raw from the start: no echo of our answers back to us, no bytes eaten
  // as flow control (0x11, 0x13) before the driver sets its own mode.
  termios settings{};
  ::tcgetattr(slave, &settings);
  ::cfmakeraw(&settings);
  ::tcsetattr(slave, TCSANOW, &settings);
  ::fcntl(master, F_SETFL, ::fcntl(master, F_GETFL) | O_NONBLOCK);
  ::fcntl(master, F_SETFD, FD_CLOEXEC);
  ::fcntl(slave, F_SETFD, FD_CLOEXEC);
  const char* name = ::ttyname(slave);
  std::string path = name != nullptr ? name : "";
  return std::unique_ptr<SamEmulator>(new SamEmulator(master, master, master, slave, path));
}

std::unique_ptr<SamEmulator> SamEmulator::OnDescriptors(int read_fd, int write_fd) {
  return std::unique_ptr<SamEmulator>(new SamEmulator(read_fd, write_fd, -1, -1, ""));
}

SamEmulator::SamEmulator(int read_fd, int write_fd, int owned_master, int owned_slave,
                         std::string path)
    : read_fd_(read_fd),
      write_fd_(write_fd),
      owned_master_(owned_master),
      owned_slave_(owned_slave),
      wake_fd_(::eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK)),
      port_path_(std::move(path)) {
  thread_ = std::jthread([this](std::stop_token stop) { Serve(stop); });
}

SamEmulator::~SamEmulator() {
  thread_.request_stop();
  if (thread_.joinable()) thread_.join();
  ::close(wake_fd_);
  if (owned_slave_ >= 0) ::close(owned_slave_);
  if (owned_master_ >= 0) ::close(owned_master_);
}

void SamEmulator::PlaceCard(EmulatedIdCard card) {
  std::lock_guard lock(mutex_);
  card_ = std::move(card);
  selected_ = false;
}

void SamEmulator::TakeCard() {
  std::lock_guard lock(mutex_);
  card_.reset();
  selected_ = false;
}

bool SamEmulator::CardPresent() const {
  std::lock_guard lock(mutex_);
  return card_.has_value();
}

void SamEmulator::SetFault(FaultPlan plan) {
  std::lock_guard lock(mutex_);
  plan_ = plan;
}

int SamEmulator::CommandsReceived(std::uint16_t command) const {
  std::lock_guard lock(mutex_);
  const auto found = commands_.find(command);
  return found == commands_.end() ? 0 : found->second;
}

int SamEmulator::BadFramesReceived() const {
  std::lock_guard lock(mutex_);
  return bad_frames_;
}

void SamEmulator::WaitUntilDone() {
  if (thread_.joinable()) thread_.join();
}

bool SamEmulator::FaultApplies(SamFault fault, std::uint16_t command) {
  if (plan_.fault != fault || plan_.count == 0) return false;
  if (plan_.only_command && *plan_.only_command != command) return false;
  if (plan_.count > 0) --plan_.count;
  return true;
}

void SamEmulator::Serve(std::stop_token stop) {
  std::stop_callback wake(stop, [this] {
    const std::uint64_t one = 1;
    [[maybe_unused]] auto written = ::write(wake_fd_, &one, sizeof one);
  });
  std::array<std::uint8_t, 2048> chunk{};
  while (!stop.stop_requested()) {
    pollfd fds[2] = {{read_fd_, POLLIN, 0}, {wake_fd_, POLLIN, 0}};
    if (::poll(fds, 2, -1) < 0 && errno != EINTR) return;
    if (fds[1].revents & POLLIN) continue;
    if (fds[0].revents & (POLLIN | POLLHUP | POLLERR)) {
      const ssize_t count = ::read(read_fd_, chunk.data(), chunk.size());
      if (count == 0 && owned_master_ < 0) return;  // stdin closed: socat ended.
      if (count < 0 && errno != EAGAIN && errno != EINTR && errno != EIO) return;
      if (count < 0 && errno == EIO) {
        // No client has the pty open; wait instead of spinning.
        ::poll(fds + 1, 1, 20);
        continue;
      }
      if (count > 0) {
        input_.insert(input_.end(), chunk.begin(), chunk.begin() + count);
        HandleInput(stop);
      }
    }
  }
}

void SamEmulator::HandleInput(const std::stop_token& stop) {
  while (!stop.stop_requested()) {
    const auto start =
        std::search(input_.begin(), input_.end(), kPreamble.begin(), kPreamble.end());
    // Keep at most a partial preamble of what came before.
    input_.erase(input_.begin(), start);
    if (input_.size() < 7) return;
    const std::size_t length = (std::size_t{input_[5]} << 8) | input_[6];
    if (length < 3 || length > kLongestRequest) {
      {
        std::lock_guard lock(mutex_);
        ++bad_frames_;
      }
      Send(0, 0x11, {}, stop);
      input_.erase(input_.begin());
      continue;
    }
    if (input_.size() < 7 + length) return;
    std::uint8_t sum = 0;
    for (std::size_t i = 5; i < 7 + length - 1; ++i) sum ^= input_[i];
    if (sum != input_[7 + length - 1]) {
      {
        std::lock_guard lock(mutex_);
        ++bad_frames_;
      }
      Send(0, 0x10, {}, stop);
      input_.erase(input_.begin(), input_.begin() + static_cast<std::ptrdiff_t>(7 + length));
      continue;
    }
    const std::uint16_t command = static_cast<std::uint16_t>((input_[7] << 8) | input_[8]);
    const Bytes data(input_.begin() + 9,
                     input_.begin() + static_cast<std::ptrdiff_t>(7 + length - 1));
    input_.erase(input_.begin(), input_.begin() + static_cast<std::ptrdiff_t>(7 + length));
    Answer(command, data, stop);
  }
}

void SamEmulator::Answer(std::uint16_t command, const Bytes& /*data*/,
                         const std::stop_token& stop) {
  std::uint8_t sw3 = 0x90;
  Bytes reply;
  bool card_leaves = false;
  {
    std::lock_guard lock(mutex_);
    ++commands_[command];
    if (FaultApplies(SamFault::kChecksumErrorReply, command)) {
      sw3 = 0x10;
    } else {
      switch (command) {
        case 0x10FF:
        case 0x11FF: break;
        case 0x12FF: reply.assign(16, 0x05); break;
        case 0x2001:
          if (card_) {
            sw3 = 0x9F;
            reply.assign(4, 0x00);
          } else {
            sw3 = 0x80;
          }
          break;
        case 0x2002:
          if (!card_) {
            sw3 = 0x81;
          } else if (FaultApplies(SamFault::kAuthentication, command)) {
            sw3 = plan_.status;
          } else {
            selected_ = true;
            reply.assign(8, 0x00);
          }
          break;
        case 0x3001:
          if (!card_ || !selected_) {
            sw3 = 0x41;
            break;
          }
          reply = {0x01, 0x00, 0x04, 0x00};  // 256 bytes of text, 1024 of photo.
          {
            const Bytes text = CardText(*card_);
            reply.insert(reply.end(), text.begin(), text.end());
            Bytes photo = card_->photo;
            if (photo.empty()) {
              for (std::size_t i = 0; i < kPhotoBytes; ++i) {
                photo.push_back(static_cast<std::uint8_t>(i * 31 + 7));
              }
            }
            reply.insert(reply.end(), photo.begin(), photo.end());
          }
          if (FaultApplies(SamFault::kRemovedDuringRead, command)) {
            card_.reset();
            selected_ = false;
            card_leaves = true;
          }
          break;
        case 0x3003:
          if (!card_ || !selected_) {
            sw3 = 0x41;
          } else if (card_->appended_address.empty()) {
            sw3 = 0x91;
          } else {
            AppendUcs2(reply, card_->appended_address, kAddressBytes);
          }
          break;
        default: sw3 = 0x21; break;
      }
    }
  }
  if (card_leaves) {
    // The reader loses the card half-way through its answer and says no more.
    Bytes frame = Frame(sw3, reply);
    frame.resize(frame.size() / 2);
    WriteAll(frame);
    return;
  }
  Send(command, sw3, reply, stop);
}

void SamEmulator::Send(std::uint16_t command, std::uint8_t sw3, const Bytes& data,
                       const std::stop_token& stop) {
  Bytes frame = Frame(sw3, data);
  std::chrono::milliseconds delay{0};
  {
    std::lock_guard lock(mutex_);
    if (FaultApplies(SamFault::kSilent, command)) return;
    if (FaultApplies(SamFault::kSlowAnswers, command)) delay = plan_.delay;
    if (FaultApplies(SamFault::kBadChecksum, command)) frame.back() ^= 0x5A;
    if (FaultApplies(SamFault::kNoise, command)) {
      // Line noise, with a preamble that breaks off, before the real one.
      const Bytes noise = {0x00, 0xFF, 0x13, 0x11, 0xAA, 0x96, 0xAA,
                           0xAA, 0x55, 0xAA, 0xAA, 0xAA, 0x96};
      frame.insert(frame.begin(), noise.begin(), noise.end());
    }
    if (FaultApplies(SamFault::kShortFrame, command)) frame.resize(frame.size() / 2);
  }
  if (delay.count() > 0) {
    std::mutex mutex;
    std::condition_variable_any pause;
    std::unique_lock lock(mutex);
    pause.wait_for(lock, stop, delay, [] { return false; });
    if (stop.stop_requested()) return;
  }
  WriteAll(frame);
}

void SamEmulator::WriteAll(const Bytes& bytes) {
  std::size_t done = 0;
  while (done < bytes.size()) {
    const ssize_t written = ::write(write_fd_, bytes.data() + done, bytes.size() - done);
    if (written > 0) {
      done += static_cast<std::size_t>(written);
      continue;
    }
    if (written < 0 && errno != EAGAIN && errno != EINTR) return;
    // Nobody reads the pty: give up after a second rather than hang.
    pollfd out{write_fd_, POLLOUT, 0};
    if (::poll(&out, 1, 1000) <= 0) return;
  }
}

}  // namespace kiosk::emulators
