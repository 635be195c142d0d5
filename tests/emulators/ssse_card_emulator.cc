#include "tests/emulators/ssse_card_emulator.h"

#include <arpa/inet.h>
#include <iconv.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <fstream>
#include <nlohmann/json.hpp>

namespace kiosk::emulators {
namespace {

// "sx1.sh." then 社会保障 in GBK, as DEVICES.md gives it.
const ApduBytes kSsseName = {0x73, 0x78, 0x31, 0x2E, 0x73, 0x68, 0x2E, 0xC9,
                             0xE7, 0xBB, 0xE1, 0xB1, 0xA3, 0xD5, 0xCF};

ApduBytes Sw(std::uint16_t status, ApduBytes data = {}) {
  data.push_back(static_cast<std::uint8_t>(status >> 8));
  data.push_back(static_cast<std::uint8_t>(status & 0xFF));
  return data;
}

ApduBytes Gb18030(const std::string& utf8) {
  iconv_t converter = iconv_open("GB18030", "UTF-8");
  if (converter == reinterpret_cast<iconv_t>(-1)) return {};
  std::string input = utf8;
  std::string output(input.size() * 2 + 8, '\0');
  char* in = input.data();
  std::size_t in_left = input.size();
  char* out = output.data();
  std::size_t out_left = output.size();
  iconv(converter, &in, &in_left, &out, &out_left);
  iconv_close(converter);
  output.resize(output.size() - out_left);
  return ApduBytes(output.begin(), output.end());
}

// Digits to BCD, F-padded to `size` bytes.
ApduBytes Bcd(const std::string& digits, std::size_t size) {
  std::string nibbles = digits;
  nibbles.resize(size * 2, 'F');
  ApduBytes bytes;
  for (std::size_t i = 0; i + 1 < nibbles.size(); i += 2) {
    auto value = [](char c) { return c == 'F' ? 0x0F : c - '0'; };
    bytes.push_back(static_cast<std::uint8_t>(value(nibbles[i]) << 4 | value(nibbles[i + 1])));
  }
  return bytes;
}

ApduBytes BcdDate(const std::string& iso) {
  std::string digits;
  for (char c : iso) {
    if (c != '-') digits.push_back(c);
  }
  return Bcd(digits, 4);
}

std::string Label(const ApduBytes& command) {
  if (command.size() < 4) return "short";
  char text[16];
  switch (command[1]) {
    case 0xA4:
      if (command[2] == 0x04) return "select_app";
      if (command.size() >= 7) {
        std::snprintf(text, sizeof text, "select_ef%02x", command[6]);
        return text;
      }
      return "select";
    case 0xB2: std::snprintf(text, sizeof text, "read_%02X", command[2]); return text;
    case 0xC0: return "get_response";
    default: return "other";
  }
}

bool ReadExactly(int fd, std::uint8_t* data, std::size_t size) {
  std::size_t done = 0;
  while (done < size) {
    const ssize_t got = ::recv(fd, data + done, size - done, 0);
    if (got < 0 && errno == EINTR) continue;
    if (got <= 0) return false;
    done += static_cast<std::size_t>(got);
    // vpcd sends a message's length and body in two writes: without an
    // immediate ACK, Nagle on its side holds the body for our delayed ACK
    // (~40 ms per message). Linux resets quick-ack mode, so set it again.
    const int one = 1;
    ::setsockopt(fd, IPPROTO_TCP, TCP_QUICKACK, &one, sizeof one);
  }
  return true;
}

bool SendMessage(int fd, const ApduBytes& body) {
  ApduBytes message = {static_cast<std::uint8_t>(body.size() >> 8),
                       static_cast<std::uint8_t>(body.size() & 0xFF)};
  message.insert(message.end(), body.begin(), body.end());
  std::size_t done = 0;
  while (done < message.size()) {
    const ssize_t sent = ::send(fd, message.data() + done, message.size() - done, MSG_NOSIGNAL);
    if (sent < 0 && errno == EINTR) continue;
    if (sent <= 0) return false;
    done += static_cast<std::size_t>(sent);
  }
  return true;
}

}  // namespace

ApduBytes CardItem(const EmulatedSsseCard& card, std::uint8_t tag) {
  if (auto raw = card.raw_items.find(tag); raw != card.raw_items.end()) return raw->second;
  const std::uint8_t pad = card.padding == SsseCardPadding::kZero    ? 0x00
                           : card.padding == SsseCardPadding::kSpace ? 0x20
                                                                     : 0xFF;
  auto padded = [&](ApduBytes value, std::size_t size) {
    if (!card.unpadded && value.size() < size) value.resize(size, pad);
    return value;
  };
  auto ascii = [&](const std::string& text, std::size_t size) {
    return padded(ApduBytes(text.begin(), text.end()), size);
  };
  ApduBytes value;
  switch (tag) {
    case 0x01: value = ascii(card.card_identifier, 16); break;
    case 0x02: value = ascii(card.card_type, 1); break;
    case 0x03: value = ascii(card.spec_version, 4); break;
    case 0x04: value = ascii(card.issuing_institution, 12); break;
    case 0x05: value = BcdDate(card.issue_date); break;
    case 0x06: value = BcdDate(card.expiry_date); break;
    case 0x07: value = ascii(card.card_number, 9); break;
    case 0x08: value = ascii(card.ssn, 18); break;
    case 0x09: value = padded(Gb18030(card.name), 30); break;
    case 0x0A: value = {static_cast<std::uint8_t>(card.gender == "female" ? '2' : '1')}; break;
    case 0x0B:
      value = card.nation_f_padded && card.nation.size() == 2 && card.nation[0] == '0'
                  ? Bcd(card.nation.substr(1), 1)
                  : Bcd(card.nation, 1);
      break;
    case 0x0C: value = Bcd(card.birthplace, 3); break;
    case 0x0D: value = BcdDate(card.birth_date); break;
    default: return {};
  }
  ApduBytes item = {tag, static_cast<std::uint8_t>(value.size())};
  item.insert(item.end(), value.begin(), value.end());
  return item;
}

Result<std::map<std::string, EmulatedSsseCard>> LoadEmulatedSsseCards(const std::string& path) {
  std::ifstream in(path);
  if (!in) return Fail(ErrorCode::kIo, "cannot open " + path);
  auto document = nlohmann::json::parse(in, nullptr, /*allow_exceptions=*/false);
  if (document.is_discarded() || !document.contains("cards") || !document["cards"].is_array()) {
    return Fail(ErrorCode::kInvalidData, path + ": expected an object with a \"cards\" array");
  }
  std::map<std::string, EmulatedSsseCard> cards;
  for (const auto& entry : document["cards"]) {
    EmulatedSsseCard card;
    auto text = [&](const char* key, std::string& into) {
      if (entry.contains(key) && entry[key].is_string()) into = entry[key].get<std::string>();
    };
    auto flag = [&](const char* key, bool& into) {
      if (entry.contains(key) && entry[key].is_boolean()) into = entry[key].get<bool>();
    };
    text("id", card.id);
    text("card_identifier", card.card_identifier);
    text("card_type", card.card_type);
    text("spec_version", card.spec_version);
    text("issuing_institution", card.issuing_institution);
    text("issue_date", card.issue_date);
    text("expiry_date", card.expiry_date);
    text("card_number", card.card_number);
    text("ssn", card.ssn);
    text("name", card.name);
    text("gender", card.gender);
    text("nation", card.nation);
    text("birthplace", card.birthplace);
    text("birth_date", card.birth_date);
    std::string padding = "zero";
    text("padding", padding);
    card.padding = padding == "space" ? SsseCardPadding::kSpace
                   : padding == "ff"  ? SsseCardPadding::kFF
                                      : SsseCardPadding::kZero;
    flag("unpadded", card.unpadded);
    flag("nation_f_padded", card.nation_f_padded);
    flag("wants_p2_04", card.wants_p2_04);
    flag("has_ssse", card.has_ssse);
    if (entry.contains("raw_items") && entry["raw_items"].is_object()) {
      for (const auto& [key, hex] : entry["raw_items"].items()) {
        ApduBytes bytes;
        const std::string digits = hex.get<std::string>();
        for (std::size_t i = 0; i + 1 < digits.size(); i += 2) {
          bytes.push_back(static_cast<std::uint8_t>(std::stoi(digits.substr(i, 2), nullptr, 16)));
        }
        card.raw_items[static_cast<std::uint8_t>(std::stoi(key, nullptr, 16))] = bytes;
      }
    }
    if (card.id.empty()) return Fail(ErrorCode::kInvalidData, path + ": a card without an id");
    cards[card.id] = std::move(card);
  }
  return cards;
}

SsseCardModel::SsseCardModel(EmulatedSsseCard card, SsseFaultPlan plan)
    : card_(std::move(card)), plan_(std::move(plan)) {}

int SsseCardModel::Count(const std::string& label) const {
  auto found = counts_.find(label);
  return found == counts_.end() ? 0 : found->second;
}

ApduBytes SsseCardModel::Answer(const ApduBytes& command) {
  const std::string label = Label(command);
  ++counts_[label];
  if (plan_.status && plan_.count != 0 && (plan_.on == "any" || plan_.on == label)) {
    if (plan_.count > 0) --plan_.count;
    return Sw(*plan_.status);
  }
  return Respond(label, command);
}

ApduBytes SsseCardModel::Respond(const std::string& label, const ApduBytes& command) {
  if (command.size() < 4) return Sw(0x6700);
  if (command[0] != 0x00) return Sw(0x6E00);
  const std::uint8_t ins = command[1];
  const std::uint8_t p1 = command[2];
  const std::uint8_t p2 = command[3];
  // Lc and data for a case 3 command; Le for a case 2 one.
  const std::size_t lc = command.size() > 5 ? command[4] : 0;
  const ApduBytes data =
      lc > 0 && command.size() >= 5 + lc
          ? ApduBytes(command.begin() + 5, command.begin() + 5 + static_cast<long>(lc))
          : ApduBytes{};
  if (ins == 0xA4 && p1 == 0x04) {
    pending_.clear();
    if (!card_.has_ssse || data != kSsseName) return Sw(0x6A82);
    application_selected_ = true;
    selected_file_.reset();
    return Sw(0x9000);
  }
  if (ins == 0xA4 && p1 == 0x02) {
    pending_.clear();
    if (!application_selected_ || data.size() != 2 || data[0] != 0xEF ||
        (data[1] != 0x05 && data[1] != 0x06)) {
      return Sw(0x6A82);
    }
    selected_file_ = data[1];
    return Sw(0x9000);
  }
  if (ins == 0xB2) {
    pending_.clear();
    if (!selected_file_) return Sw(0x6986);
    if (p2 != 0x00 && p2 != 0x04) return Sw(0x6A86);
    if (card_.wants_p2_04 && p2 != 0x04) return Sw(0x6A86);
    const bool in_file =
        *selected_file_ == 0x05 ? p1 >= 0x01 && p1 <= 0x07 : p1 >= 0x08 && p1 <= 0x0D;
    if (!in_file) return Sw(0x6A83);
    ApduBytes item = CardItem(card_, p1);
    if (item.empty()) return Sw(0x6A83);
    const std::size_t le = command.size() == 5 ? (command[4] == 0 ? 256 : command[4]) : 256;
    if (item.size() > 0xFF) item.resize(0xFF);
    const auto size = static_cast<std::uint8_t>(item.size());
    if ((plan_.exact_le && le != item.size()) || le < item.size()) {
      return Sw(static_cast<std::uint16_t>(0x6C00 | size));
    }
    if (plan_.get_response_chunk > 0) {
      pending_ = item;
      return Sw(static_cast<std::uint16_t>(
          0x6100 | std::min<std::size_t>(plan_.get_response_chunk, pending_.size())));
    }
    return Sw(0x9000, item);
  }
  if (ins == 0xC0) {
    if (pending_.empty()) return Sw(0x6985);
    const std::size_t le = command.size() == 5 ? (command[4] == 0 ? 256 : command[4]) : 256;
    const std::size_t given = std::min(le, pending_.size());
    ApduBytes out(pending_.begin(), pending_.begin() + static_cast<long>(given));
    pending_.erase(pending_.begin(), pending_.begin() + static_cast<long>(given));
    if (pending_.empty()) return Sw(0x9000, out);
    const std::size_t next = plan_.get_response_chunk > 0
                                 ? std::min(plan_.get_response_chunk, pending_.size())
                                 : pending_.size();
    return Sw(static_cast<std::uint16_t>(0x6100 | next), out);
  }
  (void)label;
  return Sw(0x6D00);
}

ApduBytes EmulatorAtr() {
  // TS, T0 (TD1 follows, 8 historical bytes), TD1 (T=1, no more), the
  // historical bytes, TCK (the XOR of T0 .. the last historical byte is
  // then zero).
  ApduBytes atr = {0x3B, 0x88, 0x01, 'S', 'S', 'S', 'E', '-', 'E', 'M', 'U'};
  std::uint8_t check = 0;
  for (std::size_t i = 1; i < atr.size(); ++i) check ^= atr[i];
  atr.push_back(check);
  return atr;
}

SsseCardEmulator::SsseCardEmulator(std::uint16_t port, std::string host)
    : port_(port), host_(std::move(host)) {}

SsseCardEmulator::~SsseCardEmulator() { Remove(); }

Result<void> SsseCardEmulator::Insert(EmulatedSsseCard card, std::chrono::milliseconds timeout) {
  if (inserted_) return Fail(ErrorCode::kSequence, "a card is already in the virtual reader");
  Remove();  // A card that left by itself: its thread and socket go now.
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(port_);
  if (inet_pton(AF_INET, host_.c_str(), &address.sin_addr) != 1) {
    return Fail(ErrorCode::kInvalidArgument, "not an IPv4 address: " + host_);
  }
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  int fd = -1;
  while (true) {
    fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0) return Fail(ErrorCode::kIo, "socket failed");
    if (::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0) break;
    ::close(fd);
    if (std::chrono::steady_clock::now() >= deadline) {
      return Fail(ErrorCode::kNetwork,
                  host_ + ":" + std::to_string(port_) + ": vpcd is not listening");
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  const int one = 1;
  ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  {
    std::lock_guard lock(mutex_);
    model_ = std::make_unique<SsseCardModel>(std::move(card), plan_);
    fd_ = fd;
  }
  apdus_ = 0;
  inserted_ = true;
  thread_ = std::jthread([this, fd](std::stop_token stop) { Serve(stop, fd); });
  return {};
}

void SsseCardEmulator::Remove() {
  {
    std::lock_guard lock(mutex_);
    if (fd_ >= 0) ::shutdown(fd_, SHUT_RDWR);
  }
  if (thread_.joinable()) {
    thread_.request_stop();
    thread_.join();
  }
  CloseConnection();
  inserted_ = false;
}

void SsseCardEmulator::CloseConnection() {
  std::lock_guard lock(mutex_);
  if (fd_ >= 0) ::close(fd_);
  fd_ = -1;
}

void SsseCardEmulator::SetFault(SsseFaultPlan plan) {
  std::lock_guard lock(mutex_);
  plan_ = std::move(plan);
}

bool SsseCardEmulator::Inserted() const { return inserted_; }
int SsseCardEmulator::ApdusReceived() const { return apdus_; }
int SsseCardEmulator::AtrRequests() const { return atr_requests_; }

void SsseCardEmulator::WaitUntilRemoved() {
  if (thread_.joinable()) thread_.join();
  CloseConnection();
  inserted_ = false;
}

void SsseCardEmulator::Serve(std::stop_token stop, int fd) {
  int remove_at = 0;
  {
    std::lock_guard lock(mutex_);
    remove_at = plan_.remove_at_apdu;
  }
  while (!stop.stop_requested()) {
    std::uint8_t header[2];
    if (!ReadExactly(fd, header, 2)) break;
    ApduBytes body(static_cast<std::size_t>(header[0] << 8 | header[1]));
    if (!ReadExactly(fd, body.data(), body.size())) break;
    if (body.size() == 1) {
      // 0 power off, 1 power on, 2 reset: nothing to answer; 4: the ATR.
      if (body[0] == 4) {
        ++atr_requests_;
        if (!SendMessage(fd, EmulatorAtr())) break;
      }
      continue;
    }
    const int number = ++apdus_;
    if (remove_at > 0 && number >= remove_at) {
      ::shutdown(fd, SHUT_RDWR);  // Pulled out before answering.
      break;
    }
    ApduBytes answer;
    {
      std::lock_guard lock(mutex_);
      answer = model_->Answer(body);
    }
    if (!SendMessage(fd, answer)) break;
  }
  inserted_ = false;
}

}  // namespace kiosk::emulators
