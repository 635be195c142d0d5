#include "drivers/printer/printer_profile.h"

#include <fmt/format.h>

namespace kiosk::devices {
namespace {

// A title is printed at double width, so it has half the columns, and a
// Chinese character takes two of those: below four columns a title holding
// one Chinese character could not be printed at all.
constexpr int kMinimumColumns = 4;
// Far beyond any receipt printer (112 mm paper has 64 columns); a larger
// number is a typo in a profile.
constexpr int kMaximumColumns = 255;

}  // namespace

PrinterProfile Generic80mmProfile() {
  return PrinterProfile{
      .name = "generic-80mm",
      .paper_width_mm = 80,
      .printable_dots = 576,
      .columns = 48,
      .chinese_mode_at_power_on = false,
      .native_qr = true,
      .has_cutter = true,
  };
}

PrinterProfile Generic58mmProfile() {
  return PrinterProfile{
      .name = "generic-58mm",
      .paper_width_mm = 58,
      .printable_dots = 384,
      .columns = 32,
      .chinese_mode_at_power_on = false,
      .native_qr = true,
      .has_cutter = false,
      .font_b_columns = 42,
  };
}

Result<PrinterProfile> BuiltInProfile(std::string_view name) {
  for (const PrinterProfile& profile : {Generic80mmProfile(), Generic58mmProfile()}) {
    if (profile.name == name) return profile;
  }
  return Fail(ErrorCode::kNotFound, fmt::format("no built-in printer profile named '{}'", name));
}

Result<void> ValidateProfile(const PrinterProfile& profile) {
  if (profile.columns < kMinimumColumns || profile.columns > kMaximumColumns) {
    return Fail(ErrorCode::kInvalidArgument,
                fmt::format("printer profile '{}': columns is {}, expected {}..{}", profile.name,
                            profile.columns, kMinimumColumns, kMaximumColumns));
  }
  if (profile.paper_width_mm <= 0 || profile.printable_dots <= 0) {
    return Fail(ErrorCode::kInvalidArgument,
                fmt::format("printer profile '{}': paper width {} mm and {} printable dots must "
                            "both be positive",
                            profile.name, profile.paper_width_mm, profile.printable_dots));
  }
  return {};
}

}  // namespace kiosk::devices
