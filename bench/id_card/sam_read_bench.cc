// sam_read_bench [READS]: how long the driver's side of an ID card read
// takes. (1) Parsing and decoding a 30 01 answer (1295 bytes) fed in 64-byte
// pieces, as a USB pipe or a serial driver delivers it. (2) Whole reads
// (find, select, 30 01, 30 03) through a pty against the emulator, which
// answers at once: a real reader adds about a second of card access, and a
// 115200-baud line ~115 ms for the 30 01 answer alone.

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

#include "drivers/id_card/id_card_text.h"
#include "drivers/id_card/sam_frame.h"
#include "drivers/id_card/sam_frame_parser.h"
#include "drivers/id_card/sam_id_card_reader.h"
#include "drivers/id_card/serial_transport.h"
#include "tests/emulators/sam_emulator.h"

namespace {

using Clock = std::chrono::steady_clock;

double Percentile(std::vector<double> values, double p) {
  std::sort(values.begin(), values.end());
  return values[static_cast<std::size_t>(p * static_cast<double>(values.size() - 1))];
}

}  // namespace

int main(int argc, char** argv) {
  const int reads = argc > 1 ? std::stoi(argv[1]) : 200;
  auto people =
      kiosk::emulators::LoadEmulatedIdCards(std::string(KIOSK_CONFIG_DIR) + "/sim/id_cards.json");
  if (!people) {
    std::fprintf(stderr, "%s\n", people.error().Describe().c_str());
    return 1;
  }
  const auto& person = people->at("zhang-wei");

  // (1) Parse and decode.
  std::vector<std::uint8_t> data = {0x01, 0x00, 0x04, 0x00};
  const auto text = kiosk::emulators::CardText(person);
  data.insert(data.end(), text.begin(), text.end());
  data.resize(data.size() + 1024, 0x5A);
  const auto frame = kiosk::devices::sam::EncodeAnswer({0x00, 0x00, 0x90, data});
  const int decodes = 20000;
  const auto started = Clock::now();
  for (int i = 0; i < decodes; ++i) {
    kiosk::devices::sam::FrameParser parser;
    for (std::size_t at = 0; at < frame->size(); at += 64) {
      parser.Feed(std::span(*frame).subspan(at, std::min<std::size_t>(64, frame->size() - at)));
    }
    auto event = parser.Next();
    auto answer = kiosk::devices::sam::DecodeAnswer(event->body);
    auto card = kiosk::devices::DecodeTextAndPhoto(answer->data);
    if (!card) return 1;
    card->Wipe();
  }
  const double per_decode_us =
      std::chrono::duration<double, std::micro>(Clock::now() - started).count() / decodes;
  std::printf("parse + decode a 30 01 answer (64-byte pieces): %.1f us\n", per_decode_us);

  // (2) Whole reads through a pty.
  auto emulator = kiosk::emulators::SamEmulator::OpenPty();
  if (!emulator) return 1;
  (*emulator)->PlaceCard(person);
  auto transport = kiosk::devices::SerialTransport::Open((*emulator)->PortPath());
  if (!transport) return 1;
  kiosk::devices::SamIdCardReader reader(std::move(*transport));
  std::vector<double> millis;
  for (int i = 0; i < reads; ++i) {
    const auto read_started = Clock::now();
    auto card = reader.Read({});
    if (!card) {
      std::fprintf(stderr, "%s\n", card.error().Describe().c_str());
      return 1;
    }
    millis.push_back(
        std::chrono::duration<double, std::milli>(Clock::now() - read_started).count());
    card->Wipe();
  }
  std::printf("whole read over a pty (%d reads): p50 %.2f ms, p99 %.2f ms\n", reads,
              Percentile(millis, 0.5), Percentile(millis, 0.99));
  return 0;
}
