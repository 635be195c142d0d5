#include "drivers/printer/escpos_commands.h"

#include <string>

namespace kiosk::devices::escpos {
namespace {

constexpr std::uint8_t kLf = 0x0A;
constexpr std::uint8_t kEsc = 0x1B;
constexpr std::uint8_t kFs = 0x1C;
constexpr std::uint8_t kGs = 0x1D;

// GS ( k symbol type: QR Code.
constexpr std::uint8_t kQrSymbol = 49;
// Functions of GS ( k for QR codes, as numbered in the ESC/POS reference.
constexpr std::uint8_t kQrModel = 65;
constexpr std::uint8_t kQrModuleSize = 67;
constexpr std::uint8_t kQrErrorCorrection = 69;
constexpr std::uint8_t kQrStore = 80;
constexpr std::uint8_t kQrPrint = 81;
// Model 2 is what every QR reader expects; model 1 is obsolete.
constexpr char kQrModel2 = 50;
// The "m" parameter of the store and print functions; always 48.
constexpr char kQrM = 48;

}  // namespace

void CommandWriter::Append(std::initializer_list<std::uint8_t> values) {
  bytes_.insert(bytes_.end(), values);
}

void CommandWriter::Initialize() { Append({kEsc, '@'}); }

void CommandWriter::SelectJustification(Align align) {
  std::uint8_t n = 0;
  switch (align) {
    case Align::kLeft: n = 0; break;
    case Align::kCenter: n = 1; break;
    case Align::kRight: n = 2; break;
  }
  Append({kEsc, 'a', n});
}

void CommandWriter::SetEmphasis(bool on) { Append({kEsc, 'E', static_cast<std::uint8_t>(on)}); }

void CommandWriter::SetCharacterSize(int width, int height) {
  // High nibble: width magnification - 1; low nibble: height magnification - 1.
  const auto n = static_cast<std::uint8_t>(((width - 1) << 4) | (height - 1));
  Append({kGs, '!', n});
}

void CommandWriter::EnterChineseMode() { Append({kFs, '&'}); }

void CommandWriter::LeaveChineseMode() { Append({kFs, '.'}); }

void CommandWriter::PrintText(std::string_view encoded) {
  bytes_.insert(bytes_.end(), encoded.begin(), encoded.end());
}

void CommandWriter::LineFeed() { Append({kLf}); }

void CommandWriter::FeedLines(std::uint8_t lines) { Append({kEsc, 'd', lines}); }

void CommandWriter::QrFunction(std::uint8_t fn, std::string_view parameters) {
  // pL pH count cn, fn and the parameters.
  const std::size_t length = parameters.size() + 2;
  Append({kGs, '(', 'k', static_cast<std::uint8_t>(length & 0xFF),
          static_cast<std::uint8_t>(length >> 8), kQrSymbol, fn});
  bytes_.insert(bytes_.end(), parameters.begin(), parameters.end());
}

void CommandWriter::QrSelectModel2() {
  const char parameters[] = {kQrModel2, 0};
  QrFunction(kQrModel, std::string_view(parameters, sizeof parameters));
}

void CommandWriter::QrSetModuleSize(std::uint8_t dots) {
  const char parameters[] = {static_cast<char>(dots)};
  QrFunction(kQrModuleSize, std::string_view(parameters, sizeof parameters));
}

void CommandWriter::QrSetErrorCorrection(QrErrorCorrection level) {
  const char parameters[] = {static_cast<char>(level)};
  QrFunction(kQrErrorCorrection, std::string_view(parameters, sizeof parameters));
}

void CommandWriter::QrStore(std::string_view data) {
  std::string parameters(1, kQrM);
  parameters += data;
  QrFunction(kQrStore, parameters);
}

void CommandWriter::QrPrint() {
  const char parameters[] = {kQrM};
  QrFunction(kQrPrint, std::string_view(parameters, sizeof parameters));
}

void CommandWriter::FeedAndPartialCut(std::uint8_t extra_feed) {
  Append({kGs, 'V', 66, extra_feed});
}

}  // namespace kiosk::devices::escpos
