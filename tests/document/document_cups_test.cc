// The certificate printed through a real cupsd with the cups-pdf printer:
// kioskctl submits the PDF, follows the job to "completed", and cups-pdf's
// output is the document (A4, one page, the same picture, the same QR
// code). Also the failures a kiosk meets: no such queue, no server, a job
// that stops on a filter failure (with the printer's reason), a timeout.
//
// The text of cups-pdf's output is not compared: cups-pdf accepts only
// PostScript, and the PDF → PostScript step (pdftops, ghostscript's
// ps2write) turns the CID-keyed CJK fonts into outlines, so pdftotext
// finds no text in it. The page picture and the decoded QR code stand in.

#include <pwd.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "tests/document/pdf_tools.h"
#include "tests/document/private_cupsd.h"
#include "tests/support/run_program.h"
#include "tests/support/temp_dir.h"

namespace kiosk::document {
namespace {

namespace fs = std::filesystem;
using testing::ProgramOutcome;

const std::string kDocuments = std::string(KIOSK_CONFIG_DIR) + "/documents";

ProgramOutcome RunKioskctl(std::vector<std::string> args) {
  args.insert(args.begin(), KIOSKCTL_PATH);
  return testing::RunProgram(std::move(args), std::chrono::seconds(90));
}

std::vector<std::string> CertificateArgs() {
  return {"print", "document", "--template", kDocuments + "/insurance_certificate.json",
          "--data", kDocuments + "/samples/insurance_certificate.json"};
}

// Where cups-pdf puts a job of the current user: its configuration
// (/etc/cups/cups-pdf.conf: Out, default /var/spool/cups-pdf/${USER}, with
// ${HOME} and ${USER} expanded) and its anonymous directory (AnonDirName).
std::vector<fs::path> CupsPdfOutputDirs() {
  const passwd* user = ::getpwuid(::geteuid());
  const std::string home = user != nullptr ? user->pw_dir : "/root";
  const std::string name = user != nullptr ? user->pw_name : "root";
  std::string out = "/var/spool/cups-pdf/${USER}";
  std::string anonymous = "/var/spool/cups-pdf/ANONYMOUS";
  std::ifstream conf("/etc/cups/cups-pdf.conf");
  std::string line;
  while (std::getline(conf, line)) {
    std::istringstream words(line);
    std::string key;
    std::string value;
    words >> key >> value;
    if (key == "Out" && !value.empty()) out = value;
    if (key == "AnonDirName" && !value.empty()) anonymous = value;
  }
  auto expand = [&](std::string path) {
    for (const auto& [key, value] : {std::pair<std::string, std::string>{"${HOME}", home},
                                     {"${USER}", name}}) {
      for (auto at = path.find(key); at != std::string::npos; at = path.find(key)) {
        path.replace(at, key.size(), value);
      }
    }
    return fs::path(path);
  };
  return {expand(out), expand(anonymous), fs::path(home) / "PDF"};
}

// The file cups-pdf wrote for the job titled `title` (it names files after
// the title), waiting up to 15 s; empty if none.
fs::path FindCupsPdfOutput(const std::string& title) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(15);
  while (std::chrono::steady_clock::now() < deadline) {
    for (const auto& dir : CupsPdfOutputDirs()) {
      std::error_code error;
      for (const auto& entry : fs::directory_iterator(dir, error)) {
        const std::string file = entry.path().filename().string();
        if (file.starts_with(title) && file.ends_with(".pdf")) return entry.path();
      }
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
  }
  return {};
}

// Removes what cups-pdf wrote while it lived: a job whose filter fails
// still reaches the backend, which writes an empty, untitled PDF. The
// certificate test's files ("kiosk-cert-…", that test removes its own) are
// left alone: ctest may run both tests at once.
class CupsPdfOutputCleaner {
 public:
  CupsPdfOutputCleaner() : before_(Files()) {}
  ~CupsPdfOutputCleaner() {
    for (const auto& file : Files()) {
      if (std::find(before_.begin(), before_.end(), file) != before_.end()) continue;
      if (file.filename().string().starts_with("kiosk-cert-")) continue;
      std::error_code ignored;
      fs::remove(file, ignored);
    }
  }
  CupsPdfOutputCleaner(const CupsPdfOutputCleaner&) = delete;
  CupsPdfOutputCleaner& operator=(const CupsPdfOutputCleaner&) = delete;

 private:
  static std::vector<fs::path> Files() {
    std::vector<fs::path> files;
    for (const auto& dir : CupsPdfOutputDirs()) {
      std::error_code error;
      for (const auto& entry : fs::directory_iterator(dir, error)) {
        if (entry.path().extension() == ".pdf") files.push_back(entry.path());
      }
    }
    return files;
  }
  std::vector<fs::path> before_;
};

std::string UniqueTitle(const std::string& stem) {
  return stem + "-" + std::to_string(::getpid()) + "-" +
         std::to_string(std::chrono::steady_clock::now().time_since_epoch().count() % 100000);
}

TEST_CASE("the certificate printed through cupsd and cups-pdf comes out as the document") {
  if (auto why = testing::PrivateCupsd::Unavailable(); !why.empty()) {
    WARN("skipped: " << why);
    return;
  }
  testing::PrivateCupsd cupsd;
  cupsd.AddCupsPdfQueue("kiosk-pdf");
  cupsd.Start();
  testing::TempDir dir("kiosk-document-cups");
  const std::string title = UniqueTitle("kiosk-cert");
  auto args = CertificateArgs();
  args.insert(args.end(), {"--out", dir.File("sent.pdf"), "--cups", "kiosk-pdf", "--server",
                           cupsd.Socket(), "--timeout", "60", "--title", title});
  const auto outcome = RunKioskctl(args);
  INFO(outcome.err << "\n" << cupsd.Log());
  REQUIRE(outcome.status == 0);
  const auto report = nlohmann::json::parse(outcome.out);
  CHECK(report["pages"] == 1);
  CHECK(report["cups_job"].get<int>() > 0);

  const fs::path printed = FindCupsPdfOutput(title);
  REQUIRE_FALSE(printed.empty());
  struct Remove {
    fs::path path;
    ~Remove() {
      std::error_code ignored;
      fs::remove(path, ignored);
    }
  } remove{printed};
  const auto info = testing::ReadPdfInfo(printed.string());
  CHECK(info.pages == 1);
  CHECK(info.width_pt == Approx(595).margin(1.5));
  CHECK(info.height_pt == Approx(842).margin(1.5));
  if (testing::PdfText(printed.string()).find("参保证明") == std::string::npos) {
    WARN("cups-pdf's output has no text layer (PostScript round trip), as expected here");
  }

  // The same picture: grey renderings at 30 dpi differ little on average,
  // and the page is not blank.
  const auto sent = testing::RenderGrey(dir.File("sent.pdf"), 1, 30, dir.File("sent"));
  const auto got = testing::RenderGrey(printed.string(), 1, 30, dir.File("got"));
  // cups-pdf rounds the page to 595 x 842 points: a pixel more or less.
  REQUIRE(std::abs(sent.width - got.width) <= 1);
  REQUIRE(std::abs(sent.height - got.height) <= 1);
  const int width = std::min(sent.width, got.width);
  const int height = std::min(sent.height, got.height);
  double difference = 0;
  int dark_sent = 0;
  int dark_got = 0;
  for (int y = 0; y < height; ++y) {
    for (int x = 0; x < width; ++x) {
      const int a = sent.pixels[static_cast<std::size_t>(y * sent.width + x)];
      const int b = got.pixels[static_cast<std::size_t>(y * got.width + x)];
      difference += std::abs(a - b);
      dark_sent += a < 128;
      dark_got += b < 128;
    }
  }
  difference /= static_cast<double>(width) * height;
  INFO("mean grey difference " << difference << ", dark pixels " << dark_sent << " sent, "
                               << dark_got << " printed");
  CHECK(difference < 6);
  CHECK(dark_sent > 500);
  CHECK(std::abs(dark_sent - dark_got) < dark_sent / 5);

  // The verification code still reads from the printed page.
  testing::RunTool({"/usr/bin/pdftoppm", "-r", "150", "-png", "-singlefile", printed.string(),
                    dir.File("printed")});
  const auto scan = RunKioskctl({"scan", "--image", dir.File("printed.png")});
  REQUIRE(scan.status == 0);
  CHECK(nlohmann::json::parse(scan.out)["text"] ==
        "https://sipub.sz.gov.cn/verify?code=7K3Q-9XW2-M4PZ");
  cupsd.Stop();
}

TEST_CASE("CUPS failures come back as exit statuses with the printer's reasons") {
  if (auto why = testing::PrivateCupsd::Unavailable(); !why.empty()) {
    WARN("skipped: " << why);
    return;
  }
  CupsPdfOutputCleaner cleaner;
  testing::PrivateCupsd cupsd;
  cupsd.AddCupsPdfQueue("kiosk-pdf");
  cupsd.AddCupsPdfQueue("kiosk-broken", /*failing_filter=*/true);
  cupsd.Start();

  SECTION("a queue that does not exist") {
    auto args = CertificateArgs();
    args.insert(args.end(), {"--cups", "no-such-queue", "--server", cupsd.Socket()});
    const auto outcome = RunKioskctl(args);
    INFO(outcome.err);
    CHECK(outcome.status == 6);
    CHECK(outcome.err.find("[queue_unknown]") != std::string::npos);
  }
  SECTION("a job whose filter fails stops, and the printer says why") {
    auto args = CertificateArgs();
    args.insert(args.end(), {"--cups", "kiosk-broken", "--server", cupsd.Socket(), "--timeout",
                             "60"});
    const auto outcome = RunKioskctl(args);
    INFO(outcome.err << "\n" << cupsd.Log());
    CHECK(outcome.status == 8);
    CHECK(outcome.err.find("Filter failed") != std::string::npos);
  }
  cupsd.Stop();
}

TEST_CASE("a job not done in time is canceled, and one canceled by staff says so") {
  if (auto why = testing::PrivateCupsd::Unavailable(); !why.empty()) {
    WARN("skipped: " << why);
    return;
  }
  testing::PrivateCupsd cupsd;
  // TEST-NET-1 (RFC 5737): nothing answers there, the socket backend keeps
  // trying and the job stays processing.
  cupsd.AddQueue("kiosk-hang", "socket://192.0.2.1:9100");
  cupsd.Start();
  auto args = CertificateArgs();
  args.insert(args.end(), {"--cups", "kiosk-hang", "--server", cupsd.Socket()});

  SECTION("timeout") {
    args.insert(args.end(), {"--timeout", "3"});
    const auto outcome = RunKioskctl(args);
    INFO(outcome.err << "\n" << cupsd.Log());
    CHECK(outcome.status == 10);
    CHECK(outcome.err.find("job canceled") != std::string::npos);
    CHECK(outcome.err.find("[job_timeout]") != std::string::npos);
  }
  SECTION("canceled by someone else") {
    args.insert(args.end(), {"--timeout", "60"});
    ProgramOutcome outcome;
    std::thread printing([&] { outcome = RunKioskctl(args); });
    std::this_thread::sleep_for(std::chrono::seconds(3));
    const auto cancel =
        testing::RunProgram({"/usr/bin/cancel", "-h", cupsd.Socket(), "-a", "kiosk-hang"});
    printing.join();
    INFO(cancel.err << "\n" << outcome.err << "\n" << cupsd.Log());
    CHECK(cancel.status == 0);
    CHECK(outcome.status == 9);
    CHECK(outcome.err.find("[job_canceled]") != std::string::npos);
  }
  cupsd.Stop();
}

TEST_CASE("no CUPS server at the given socket") {
  testing::TempDir dir("kiosk-document-cups");
  auto args = CertificateArgs();
  args.insert(args.end(), {"--cups", "kiosk-pdf", "--server", dir.File("nothing.sock")});
  const auto outcome = RunKioskctl(args);
  INFO(outcome.err);
  CHECK(outcome.status == 6);
  CHECK(outcome.err.find("[cups_unreachable]") != std::string::npos);
}

}  // namespace
}  // namespace kiosk::document
