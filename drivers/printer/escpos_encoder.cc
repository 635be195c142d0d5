#include "drivers/printer/escpos_encoder.h"

#include <fmt/format.h>

#include <string>
#include <string_view>
#include <variant>

#include "drivers/common/qr_matrix.h"
#include "drivers/printer/escpos_commands.h"
#include "drivers/printer/gb18030.h"
#include "drivers/printer/raster_layout.h"
#include "drivers/printer/text_width.h"

namespace kiosk::devices {
namespace {

// Without a cutter the paper is torn off at the tear bar, which sits a few
// lines above the print head: feed that far so the last line leaves the
// printer.
constexpr std::uint8_t kTearOffFeedLines = 4;

// The most a QR code holds in byte mode at error correction M (version 40).
constexpr std::size_t kMaxQrPayloadBytes = 2331;
constexpr int kMinQrModuleSize = 1;
constexpr int kMaxQrModuleSize = 16;
constexpr int kMaxFeedLines = 255;

// Titles print at double width and height.
constexpr int kTitleMagnification = 2;

class Encoder {
 public:
  explicit Encoder(const PrinterProfile& profile) : profile_(profile) {
    out_.Initialize();
    if (!profile_.chinese_mode_at_power_on) out_.EnterChineseMode();
  }

  std::vector<std::uint8_t> Take() { return out_.Take(); }

  Result<void> operator()(const Title& title) {
    auto lines = Layout(title.text, profile_.columns / kTitleMagnification, "text");
    if (!lines) return std::unexpected(lines.error());
    out_.SelectJustification(Align::kCenter);
    out_.SetEmphasis(true);
    out_.SetCharacterSize(kTitleMagnification, kTitleMagnification);
    PrintLines(*lines);
    out_.SetCharacterSize(1, 1);
    out_.SetEmphasis(false);
    out_.SelectJustification(Align::kLeft);
    return {};
  }

  Result<void> operator()(const Text& text) {
    auto lines = Layout(text.text, profile_.columns, "text");
    if (!lines) return std::unexpected(lines.error());
    // Left is the state between elements, so only the others are selected.
    if (text.align != Align::kLeft) out_.SelectJustification(text.align);
    PrintLines(*lines);
    if (text.align != Align::kLeft) out_.SelectJustification(Align::kLeft);
    return {};
  }

  Result<void> operator()(const KeyValue& pair) {
    // Both must be printable before any width means anything.
    for (auto [field, name] : {std::pair{&pair.key, "key"}, std::pair{&pair.value, "value"}}) {
      if (auto checked = CheckGb18030(*field, name); !checked) return checked;
    }
    auto key_width = Field(DisplayWidth(pair.key), "key");
    if (!key_width) return std::unexpected(key_width.error());
    auto value_width = Field(DisplayWidth(pair.value), "value");
    if (!value_width) return std::unexpected(value_width.error());

    const int columns = profile_.columns;
    std::vector<std::string> lines;
    if (*key_width + 1 + *value_width <= columns) {
      // Padding in columns, not bytes: "金额" is 6 bytes but 4 columns.
      std::string line = pair.key;
      line.append(static_cast<std::size_t>(columns - *key_width - *value_width), ' ');
      line += pair.value;
      lines.push_back(std::move(line));
    } else {
      auto key_lines = Field(WrapToColumns(pair.key, columns), "key");
      if (!key_lines) return std::unexpected(key_lines.error());
      auto value_lines = Field(WrapToColumns(pair.value, columns), "value");
      if (!value_lines) return std::unexpected(value_lines.error());
      lines = std::move(*key_lines);
      for (const std::string& value_line : *value_lines) {
        // Padded rather than ESC a 2, so a value line is exactly as wide as
        // a one-line pair and both end at the same edge.
        auto padded = Field(PadStart(value_line, columns), "value");
        if (!padded) return std::unexpected(padded.error());
        lines.push_back(std::move(*padded));
      }
    }
    PrintLines(lines);
    return {};
  }

  Result<void> operator()(const Separator& separator) {
    if (separator.fill < ' ' || separator.fill > '~') {
      return Fail(ErrorCode::kInvalidArgument,
                  Context(fmt::format("fill byte 0x{:02X} is not printable ASCII",
                                      static_cast<unsigned char>(separator.fill))));
    }
    PrintLines({std::string(static_cast<std::size_t>(profile_.columns), separator.fill)});
    return {};
  }

  Result<void> operator()(const QrCode& qr) {
    if (qr.payload.empty() || qr.payload.size() > kMaxQrPayloadBytes) {
      return Fail(ErrorCode::kInvalidArgument,
                  Context(fmt::format("payload is {} bytes, expected 1..{}", qr.payload.size(),
                                      kMaxQrPayloadBytes)));
    }
    if (qr.module_size < kMinQrModuleSize || qr.module_size > kMaxQrModuleSize) {
      return Fail(ErrorCode::kInvalidArgument,
                  Context(fmt::format("module size {} is outside {}..{}", qr.module_size,
                                      kMinQrModuleSize, kMaxQrModuleSize)));
    }
    if (profile_.native_qr) return NativeQr(qr);
    if (profile_.raster) return RasterQr(qr);
    if (qr.optional) return {};
    // Dropping it silently would print a receipt whose "scan to verify"
    // line points at nothing; the template decides (its "optional").
    return Fail(ErrorCode::kInvalidArgument,
                Context(fmt::format("printer profile '{}' prints QR codes neither natively "
                                    "(native_qr) nor as raster images (raster); mark the QR "
                                    "code optional to leave it out on such printers",
                                    profile_.name)));
  }

  Result<void> operator()(const Logo& logo) {
    const int width = RasterWidthDots(profile_);
    if (!profile_.raster) {
      if (logo.optional) return {};
      return Fail(ErrorCode::kInvalidArgument,
                  Context(fmt::format("logo {}: printer profile '{}' has no raster images "
                                      "(raster), so it cannot print a logo",
                                      logo.name, profile_.name)));
    }
    if (logo.image.width < 1 || logo.image.height < 1 ||
        logo.image.dots.size() != static_cast<std::size_t>(logo.image.width) *
                                      static_cast<std::size_t>(logo.image.height)) {
      return Fail(ErrorCode::kInvalidArgument,
                  Context(fmt::format("logo {}: the image is empty or its size and dots "
                                      "disagree",
                                      logo.name)));
    }
    if (logo.image.width > width) {
      if (logo.optional) return {};
      return Fail(ErrorCode::kInvalidArgument,
                  Context(fmt::format("logo {} is {} dots wide; printer profile '{}' prints at "
                                      "most {} dots ({} mm paper)",
                                      logo.name, logo.image.width, profile_.name, width,
                                      profile_.paper_width_mm)));
    }
    out_.PrintRasterImage(CenterOnWidth(logo.image, width));
    return {};
  }

  Result<void> operator()(const Feed& feed) {
    if (feed.lines < 0 || feed.lines > kMaxFeedLines) {
      return Fail(
          ErrorCode::kInvalidArgument,
          Context(fmt::format("{} lines to feed, expected 0..{}", feed.lines, kMaxFeedLines)));
    }
    if (feed.lines > 0) out_.FeedLines(static_cast<std::uint8_t>(feed.lines));
    return {};
  }

  Result<void> operator()(const Cut&) {
    if (profile_.has_cutter) {
      out_.FeedAndPartialCut(0);
    } else {
      out_.FeedLines(kTearOffFeedLines);
    }
    return {};
  }

  // Which element is being encoded, for error messages.
  void SetElement(std::size_t index, std::string_view kind) {
    element_index_ = index;
    element_kind_ = kind;
  }

 private:
  std::string Context(std::string_view detail, std::string_view field = {}) const {
    if (field.empty()) {
      return fmt::format("receipt element {} ({}): {}", element_index_, element_kind_, detail);
    }
    return fmt::format("receipt element {} ({} {}): {}", element_index_, element_kind_, field,
                       detail);
  }

  // Names the element and field in a failure from the text helpers.
  template <typename T>
  Result<T> Field(Result<T> result, std::string_view field) const {
    if (!result) return Fail(result.error().code, Context(result.error().detail, field));
    return result;
  }

  Result<void> CheckGb18030(std::string_view text, std::string_view field) const {
    auto encoded = Field(Utf8ToGb18030(text), field);
    if (!encoded) return std::unexpected(encoded.error());
    return {};
  }

  // Wrapped lines of a text field, each known to have a GB18030 form.
  Result<std::vector<std::string>> Layout(std::string_view text, int columns,
                                          std::string_view field) const {
    if (auto checked = CheckGb18030(text, field); !checked) {
      return std::unexpected(checked.error());
    }
    return Field(WrapToColumns(text, columns), field);
  }

  Result<void> NativeQr(const QrCode& qr) {
    out_.SelectJustification(Align::kCenter);
    out_.QrSelectModel2();
    out_.QrSetModuleSize(static_cast<std::uint8_t>(qr.module_size));
    // M restores up to 15% damage: enough for thermal paper, and the symbol
    // stays smaller than with Q or H.
    out_.QrSetErrorCorrection(escpos::QrErrorCorrection::kM);
    out_.QrStore(qr.payload);
    out_.QrPrint();
    out_.SelectJustification(Align::kLeft);
    return {};
  }

  // The symbol drawn by libqrencode (also level M, as the native path) and
  // sent as a raster image padded to the paper width: centred by its own
  // white margins, so it does not depend on whether a model applies ESC a
  // to raster images.
  Result<void> RasterQr(const QrCode& qr) {
    auto matrix = EncodeQr(qr.payload);
    if (!matrix) return Fail(matrix.error().code, Context(matrix.error().detail));
    const int width = RasterWidthDots(profile_);
    auto module_dots = FitQrModuleSize(matrix->size, qr.module_size, width);
    if (!module_dots) {
      return Fail(module_dots.error().code,
                  Context(fmt::format("printer profile '{}': {}", profile_.name,
                                      module_dots.error().detail)));
    }
    out_.PrintRasterImage(CenterOnWidth(DrawQr(*matrix, *module_dots), width));
    return {};
  }

  // Every line was checked (CheckGb18030) before it was laid out, so the
  // conversion of a part of it cannot fail.
  void PrintLines(const std::vector<std::string>& lines) {
    for (const std::string& line : lines) {
      if (auto encoded = Utf8ToGb18030(line)) out_.PrintText(*encoded);
      out_.LineFeed();
    }
  }

  const PrinterProfile& profile_;
  escpos::CommandWriter out_;
  std::size_t element_index_ = 0;
  std::string_view element_kind_;
};

std::string_view KindOf(const ReceiptElement& element) {
  struct Namer {
    std::string_view operator()(const Title&) const { return "Title"; }
    std::string_view operator()(const Text&) const { return "Text"; }
    std::string_view operator()(const KeyValue&) const { return "KeyValue"; }
    std::string_view operator()(const Separator&) const { return "Separator"; }
    std::string_view operator()(const QrCode&) const { return "QrCode"; }
    std::string_view operator()(const Logo&) const { return "Logo"; }
    std::string_view operator()(const Feed&) const { return "Feed"; }
    std::string_view operator()(const Cut&) const { return "Cut"; }
  };
  return std::visit(Namer{}, element);
}

}  // namespace

Result<std::vector<std::uint8_t>> EncodeReceipt(const ReceiptDocument& document,
                                                const PrinterProfile& profile) {
  if (auto valid = ValidateProfile(profile); !valid) return std::unexpected(valid.error());
  Encoder encoder(profile);
  for (std::size_t i = 0; i < document.elements.size(); ++i) {
    const ReceiptElement& element = document.elements[i];
    encoder.SetElement(i, KindOf(element));
    if (auto encoded = std::visit(encoder, element); !encoded) {
      return std::unexpected(encoded.error());
    }
  }
  return encoder.Take();
}

}  // namespace kiosk::devices
