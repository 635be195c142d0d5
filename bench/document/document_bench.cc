// Time to make the 3-page contribution statement (缴费清单) PDF (or another
// template's), as the kiosk does after a citizen asks for it: bind the data
// to the template, lay it out twice (count pages, draw) and produce the PDF
// bytes. The first
// run includes fontconfig's and pango's start-up (font discovery, face
// loading); the rest show the steady cost. Usage:
//   document_bench [runs=20] [template] [data]

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "drivers/document/document_binding.h"
#include "drivers/document/document_template.h"
#include "drivers/document/pdf_renderer.h"

namespace {

using Clock = std::chrono::steady_clock;

double MillisSince(Clock::time_point start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

}  // namespace

int main(int argc, char** argv) {
  const int runs = argc > 1 ? std::max(1, std::atoi(argv[1])) : 20;
  const std::string documents = std::string(KIOSK_CONFIG_DIR) + "/documents";
  const std::string template_path = argc > 2 ? argv[2] : documents + "/contribution_statement.json";
  const std::string data_path =
      argc > 3 ? argv[3] : documents + "/samples/contribution_statement.json";

  std::vector<double> millis;
  std::size_t bytes = 0;
  int pages = 0;
  for (int run = 0; run <= runs; ++run) {
    const auto start = Clock::now();
    auto loaded = kiosk::document::LoadDocumentTemplate(template_path);
    auto data = kiosk::document::LoadDocumentData(data_path);
    if (!loaded || !data) {
      std::fprintf(stderr, "cannot load %s or %s\n", template_path.c_str(), data_path.c_str());
      return 1;
    }
    auto bound = kiosk::document::BindDocument(*loaded, *data);
    if (!bound) {
      std::fprintf(stderr, "%s\n", bound.error().Describe().c_str());
      return 1;
    }
    auto rendered = kiosk::document::RenderPdf(*bound);
    if (!rendered) {
      std::fprintf(stderr, "%s\n", rendered.error().Describe().c_str());
      return 1;
    }
    const double elapsed = MillisSince(start);
    if (run == 0) {
      std::printf("first (cold fontconfig/pango): %.1f ms\n", elapsed);
    } else {
      millis.push_back(elapsed);
    }
    bytes = rendered->bytes.size();
    pages = rendered->pages;
  }
  std::sort(millis.begin(), millis.end());
  auto at = [&](double q) {
    return millis[static_cast<std::size_t>(q * static_cast<double>(millis.size() - 1))];
  };
  std::printf("%s: %d pages, %zu bytes; %d warm runs: p50 %.1f ms, p90 %.1f ms, max %.1f ms\n",
              std::filesystem::path(template_path).stem().c_str(), pages, bytes, runs, at(0.5),
              at(0.9), millis.back());
  return 0;
}
