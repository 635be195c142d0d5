#pragma once

// Looks into a PDF the way a person checks a printout, with poppler-utils:
// the text of a page (pdftotext), the page count and size (pdfinfo), the
// position of every word (pdftotext -bbox), and a small grey rendering
// (pdftoppm) to compare two PDFs by eye, in numbers. (No std::regex: GCC
// 12 under ASan warns inside it, -Wmaybe-uninitialized.)

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "tests/support/run_program.h"

namespace kiosk::testing {

inline std::string RunTool(std::vector<std::string> args) {
  auto outcome = RunProgram(args, std::chrono::seconds(60));
  if (outcome.status != 0) {
    throw std::runtime_error(args[0] + " failed (" + std::to_string(outcome.status) +
                             "): " + outcome.err);
  }
  return outcome.out;
}

// The text of page `page` (1-based), or of all pages when 0, in reading order.
inline std::string PdfText(const std::string& path, int page = 0) {
  std::vector<std::string> args = {"/usr/bin/pdftotext", "-layout"};
  if (page > 0) {
    args.insert(args.end(), {"-f", std::to_string(page), "-l", std::to_string(page)});
  }
  args.insert(args.end(), {path, "-"});
  return RunTool(args);
}

// Whether `text` contains `expected`, spaces ignored: pdftotext drops the
// narrow spaces between hanzi and digits ("第 1 页" reads "第1页").
inline bool ContainsIgnoringSpaces(const std::string& text, const std::string& expected) {
  auto squeeze = [](std::string value) {
    std::erase(value, ' ');
    return value;
  };
  return squeeze(text).find(squeeze(expected)) != std::string::npos;
}

struct PdfInfo {
  int pages = 0;
  double width_pt = 0;
  double height_pt = 0;
};

// The text after `key` on the line that starts with it, or "".
inline std::string LineValue(const std::string& text, const std::string& key) {
  std::istringstream lines(text);
  std::string line;
  while (std::getline(lines, line)) {
    if (line.starts_with(key)) return line.substr(key.size());
  }
  return "";
}

inline PdfInfo ReadPdfInfo(const std::string& path) {
  const std::string text = RunTool({"/usr/bin/pdfinfo", path});
  PdfInfo info;
  std::istringstream pages(LineValue(text, "Pages:"));
  pages >> info.pages;
  // "Page size:       595.276 x 841.89 pts (A4)"
  std::istringstream size(LineValue(text, "Page size:"));
  std::string times;
  size >> info.width_pt >> times >> info.height_pt;
  return info;
}

struct PdfWord {
  int page = 0;
  double x_min = 0, y_min = 0, x_max = 0, y_max = 0;
  std::string text;
};

// Every word with its box, in points from the page's top-left corner.
inline std::vector<PdfWord> PdfWords(const std::string& path) {
  const std::string html = RunTool({"/usr/bin/pdftotext", "-bbox", path, "-"});
  std::vector<PdfWord> words;
  int page = 0;
  // <word xMin="56.69" yMin="60.10" xMax="80.00" yMax="72.00">text</word>
  auto attribute = [](const std::string& line, const std::string& name) {
    const auto at = line.find(name + "=\"");
    return at == std::string::npos ? 0.0 : std::stod(line.substr(at + name.size() + 2));
  };
  std::istringstream lines(html);
  std::string line;
  while (std::getline(lines, line)) {
    if (line.find("<page ") != std::string::npos) ++page;
    const auto open = line.find("<word ");
    if (open == std::string::npos) continue;
    const auto text_start = line.find('>', open) + 1;
    const auto text_end = line.find("</word>", text_start);
    words.push_back({page, attribute(line, "xMin"), attribute(line, "yMin"),
                     attribute(line, "xMax"), attribute(line, "yMax"),
                     line.substr(text_start, text_end - text_start)});
  }
  return words;
}

// Page `page` rendered in grey at `dpi`: width, height and one byte a pixel.
struct GreyImage {
  int width = 0;
  int height = 0;
  std::vector<unsigned char> pixels;
};

inline GreyImage RenderGrey(const std::string& pdf, int page, int dpi,
                            const std::string& out_stem) {
  RunTool({"/usr/bin/pdftoppm", "-gray", "-r", std::to_string(dpi), "-f", std::to_string(page),
           "-l", std::to_string(page), "-singlefile", pdf, out_stem});
  std::ifstream in(out_stem + ".pgm", std::ios::binary);
  std::string magic;
  int max_value = 0;
  GreyImage image;
  in >> magic >> image.width >> image.height >> max_value;
  in.get();
  if (magic != "P5" || max_value != 255) throw std::runtime_error("unexpected PGM from pdftoppm");
  image.pixels.resize(static_cast<std::size_t>(image.width) *
                      static_cast<std::size_t>(image.height));
  in.read(reinterpret_cast<char*>(image.pixels.data()),
          static_cast<std::streamsize>(image.pixels.size()));
  return image;
}

}  // namespace kiosk::testing
