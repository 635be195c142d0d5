#pragma once

#include <filesystem>
#include <string>
#include <unistd.h>

namespace kiosk::testing {

// A fresh path under the temp directory, removed (with SQLite's side files)
// when the test ends.
class TempPath {
 public:
  explicit TempPath(const std::string& stem) {
    static int counter = 0;
    path_ = std::filesystem::temp_directory_path() /
            (stem + "-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
  }
  ~TempPath() {
    std::error_code ignored;
    for (const char* suffix : {"", "-wal", "-shm"}) {
      std::filesystem::remove_all(path_.string() + suffix, ignored);
    }
  }
  std::string str() const { return path_.string(); }

 private:
  std::filesystem::path path_;
};

}  // namespace kiosk::testing
