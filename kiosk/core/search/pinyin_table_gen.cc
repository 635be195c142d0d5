// Build-time tool: writes the kiosk's hanzi → pinyin table from Unihan.
// Usage: pinyin_table_gen UNIHAN_READINGS_TXT OUTPUT
// (the CMake target `pinyin_table` runs it on Debian's unicode-data file).

#include <cstdio>
#include <filesystem>
#include <fstream>

#include "kiosk/core/search/unihan_pinyin.h"

int main(int argc, char** argv) {
  if (argc != 3) {
    std::fprintf(stderr, "usage: pinyin_table_gen UNIHAN_READINGS_TXT OUTPUT\n");
    return 2;
  }
  std::ifstream unihan(argv[1]);
  if (!unihan) {
    std::fprintf(stderr, "pinyin_table_gen: cannot open %s\n", argv[1]);
    return 1;
  }
  auto table = kiosk::search::BuildPinyinTableFromUnihan(unihan);
  if (!table) {
    std::fprintf(stderr, "pinyin_table_gen: %s: %s\n", argv[1], table.error().Describe().c_str());
    return 1;
  }
  // Written beside the target and renamed, so an interrupted build never
  // leaves a half table that a later build would take as up to date.
  const std::filesystem::path output = argv[2];
  const std::filesystem::path partial = output.string() + ".partial";
  {
    std::ofstream out(partial, std::ios::binary | std::ios::trunc);
    out << table->text;
    if (!out.flush()) {
      std::fprintf(stderr, "pinyin_table_gen: cannot write %s\n", partial.c_str());
      return 1;
    }
  }
  std::error_code error;
  std::filesystem::rename(partial, output, error);
  if (error) {
    std::fprintf(stderr, "pinyin_table_gen: cannot rename to %s: %s\n", argv[2],
                 error.message().c_str());
    return 1;
  }
  std::printf("pinyin_table_gen: %zu characters, %zu with more than one reading -> %s\n",
              table->characters, table->polyphonic_characters, argv[2]);
  return 0;
}
