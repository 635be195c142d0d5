#include "drivers/printer/gb18030.h"

#include <fmt/format.h>
#include <iconv.h>

#include <cerrno>
#include <cstdint>
#include <system_error>

#include "drivers/printer/utf8.h"

namespace kiosk::devices {
namespace {

// Closes the conversion descriptor on every return path.
class IconvHandle {
 public:
  IconvHandle(const char* to, const char* from) : handle_(iconv_open(to, from)) {}
  ~IconvHandle() {
    if (valid()) iconv_close(handle_);
  }
  IconvHandle(const IconvHandle&) = delete;
  IconvHandle& operator=(const IconvHandle&) = delete;

  // iconv_open reports failure with the pointer value (iconv_t)-1.
  bool valid() const { return handle_ != reinterpret_cast<iconv_t>(-1); }
  iconv_t get() const { return handle_; }

 private:
  iconv_t handle_;
};

// GB18030 needs at most four bytes per character and UTF-8 at least one.
constexpr std::size_t kMaxGrowth = 4;

}  // namespace

Result<std::string> Utf8ToGb18030(std::string_view utf8) {
  // Validate first: our decoder says precisely what is wrong, iconv only
  // "invalid sequence", and afterwards every iconv failure means "no
  // GB18030 form".
  auto chars = DecodeUtf8(utf8);
  if (!chars) return std::unexpected(chars.error());

  IconvHandle converter("GB18030", "UTF-8");
  if (!converter.valid()) {
    return Fail(ErrorCode::kInternal, fmt::format("iconv cannot convert UTF-8 to GB18030: {}",
                                                  std::generic_category().message(errno)));
  }
  // iconv's input parameter is not const-qualified, so it gets a copy.
  std::string input(utf8);
  std::string output(input.size() * kMaxGrowth, '\0');
  char* in = input.data();
  std::size_t in_left = input.size();
  char* out = output.data();
  std::size_t out_left = output.size();
  if (iconv(converter.get(), &in, &in_left, &out, &out_left) == static_cast<std::size_t>(-1)) {
    const int error = errno;
    const auto offset = static_cast<std::size_t>(in - input.data());
    if (error == EILSEQ) {
      for (const Utf8Char& c : *chars) {
        if (c.offset == offset) {
          return Fail(ErrorCode::kInvalidArgument,
                      fmt::format("U+{:04X} at byte offset {} has no GB18030 form",
                                  static_cast<std::uint32_t>(c.code_point), offset));
        }
      }
    }
    return Fail(ErrorCode::kInternal, fmt::format("iconv to GB18030 failed at byte offset {}: {}",
                                                  offset, std::generic_category().message(error)));
  }
  output.resize(output.size() - out_left);
  return output;
}

}  // namespace kiosk::devices
