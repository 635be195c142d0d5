#pragma once

// A fresh directory under the system's temporary one for one test, removed
// with everything in it when the test ends. The one helper every test
// folder uses (header-only: tests link no extra library for it).

#include <stdlib.h>

#include <filesystem>
#include <stdexcept>
#include <string>

namespace kiosk::testing {

class TempDir {
 public:
  explicit TempDir(const std::string& stem = "kiosk-test") {
    std::string pattern = (std::filesystem::temp_directory_path() / (stem + "-XXXXXX")).string();
    if (::mkdtemp(pattern.data()) == nullptr) {
      throw std::runtime_error("cannot create a temporary directory from " + pattern);
    }
    path_ = pattern;
  }
  ~TempDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::filesystem::path& Path() const { return path_; }
  std::filesystem::path operator/(const std::string& name) const { return path_ / name; }
  // The path of `name` inside, as a string.
  std::string File(const std::string& name) const { return (path_ / name).string(); }

 private:
  std::filesystem::path path_;
};

}  // namespace kiosk::testing
