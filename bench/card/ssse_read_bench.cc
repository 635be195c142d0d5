// ssse_read_bench [CARDS]: how long a 社保卡 read takes. (1) The read
// sequence and decoding (15 APDUs) against the card model in process: the
// driver's own cost. (2) On the real stack, a private pcscd with vpcd and
// the emulator: from the emulator's insertion to the fields in hand
// (pcscd notices a card by polling vpcd about every 400 ms, which
// dominates), and ReadCard alone (connect, 15 APDUs through pcscd and
// vpcd, disconnect). A real card adds its own APDU time (~10-30 ms each).

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <mutex>
#include <string>
#include <vector>

#include "drivers/card_reader/pcsc_card_reader.h"
#include "drivers/card_reader/ssse_session.h"
#include "tests/emulators/ssse_card_emulator.h"
#include "tests/pcsc/private_pcscd.h"

namespace {

using Clock = std::chrono::steady_clock;
using namespace kiosk;

double Percentile(std::vector<double> values, double p) {
  std::sort(values.begin(), values.end());
  return values[static_cast<std::size_t>(p * static_cast<double>(values.size() - 1))];
}

class ModelChannel final : public devices::ssse::ApduChannel {
 public:
  explicit ModelChannel(emulators::SsseCardModel& model) : model_(model) {}
  Result<devices::ssse::Bytes> Transmit(const devices::ssse::Command& command) override {
    return model_.Answer(command.apdu);
  }

 private:
  emulators::SsseCardModel& model_;
};

}  // namespace

int main(int argc, char** argv) {
  const int cards = argc > 1 ? std::stoi(argv[1]) : 30;
  auto people = emulators::LoadEmulatedSsseCards(std::string(KIOSK_CONFIG_DIR) +
                                                 "/sim/social_security_cards.json");
  if (!people) {
    std::fprintf(stderr, "%s\n", people.error().Describe().c_str());
    return 1;
  }
  const auto& person = people->at("zhang-wei");

  // (1) In process.
  const int reads = 20000;
  const auto started = Clock::now();
  for (int i = 0; i < reads; ++i) {
    emulators::SsseCardModel model(person, {});
    ModelChannel channel(model);
    auto card = devices::ssse::ReadSsseCard(channel);
    if (!card) return 1;
    card->Wipe();
  }
  std::printf("read sequence + decode against the card model: %.1f us\n",
              std::chrono::duration<double, std::micro>(Clock::now() - started).count() / reads);

  // (2) The real stack.
  testing::PrivatePcscd::SocketPath();
  testing::PrivatePcscd pcscd;
  if (auto ok = pcscd.Start(); !ok) {
    std::fprintf(stderr, "%s\n", ok.error().Describe().c_str());
    return 1;
  }
  devices::PcscCardReader reader(devices::PcscCardReaderProfile{});
  std::mutex mutex;
  std::condition_variable cv;
  std::vector<devices::CardEvent> events;
  reader.SetEventHandler([&](devices::CardEvent event) {
    std::lock_guard lock(mutex);
    events.push_back(event);
    cv.notify_all();
  });
  auto wait_for = [&](devices::CardEvent wanted) {
    std::unique_lock lock(mutex);
    const bool seen = cv.wait_for(lock, std::chrono::seconds(20), [&] {
      return std::find(events.begin(), events.end(), wanted) != events.end();
    });
    events.clear();
    return seen;
  };
  reader.Start();
  while (reader.State() != devices::DeviceState::kOnline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  emulators::SsseCardEmulator emulator(pcscd.Port());
  std::vector<double> to_fields;
  std::vector<double> read_only;
  for (int i = 0; i < cards; ++i) {
    const auto inserted = Clock::now();
    if (!emulator.Insert(person) || !wait_for(devices::CardEvent::kInserted)) return 1;
    const auto read_started = Clock::now();
    auto card = reader.ReadCard();
    if (!card) {
      std::fprintf(stderr, "%s\n", card.error().Describe().c_str());
      return 1;
    }
    const auto done = Clock::now();
    card->Wipe();
    to_fields.push_back(std::chrono::duration<double, std::milli>(done - inserted).count());
    read_only.push_back(std::chrono::duration<double, std::milli>(done - read_started).count());
    emulator.Remove();
    if (!wait_for(devices::CardEvent::kRemoved)) return 1;
  }
  reader.Stop();
  std::printf("insertion to fields through pcscd + vpcd (%d cards): p50 %.1f ms, p99 %.1f ms\n",
              cards, Percentile(to_fields, 0.5), Percentile(to_fields, 0.99));
  std::printf("ReadCard alone (connect, 15 APDUs, disconnect): p50 %.2f ms, p99 %.2f ms\n",
              Percentile(read_only, 0.5), Percentile(read_only, 0.99));
  return 0;
}
