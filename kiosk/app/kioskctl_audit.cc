#include "kiosk/app/kioskctl_audit.h"

#include <cstdio>
#include <limits>

#include "kiosk/core/admin/audit_log.h"

namespace kiosk::ctl {
namespace {

constexpr const char* kAuditUsage =
    "usage: kioskctl audit verify FILE\n"
    "       kioskctl audit show FILE [--last N]\n";

int AuditUsage(const char* problem) {
  std::fprintf(stderr, "kioskctl audit: %s\n%s", problem, kAuditUsage);
  return 2;
}

int Verify(const std::string& path) {
  auto verification = admin::VerifyAuditLog(path);
  if (!verification) {
    std::fprintf(stderr, "kioskctl audit: %s\n", verification.error().Describe().c_str());
    return 2;
  }
  if (!verification->intact) {
    std::printf("record %lld (line %lld): %s\n",
                static_cast<long long>(verification->first_bad_seq),
                static_cast<long long>(verification->first_bad_line), verification->reason.c_str());
    return 1;
  }
  std::printf("intact: %lld records, head seq %lld hash %s\n",
              static_cast<long long>(verification->records),
              static_cast<long long>(verification->head.seq), verification->head.hash.c_str());
  return 0;
}

int Show(const std::string& path, std::size_t last) {
  auto text = admin::VerifyAuditLog(path);  // Readable at all?
  if (!text) {
    std::fprintf(stderr, "kioskctl audit: %s\n", text.error().Describe().c_str());
    return 2;
  }
  std::FILE* file = std::fopen(path.c_str(), "rb");
  if (file == nullptr) {
    std::fprintf(stderr, "kioskctl audit: cannot open %s\n", path.c_str());
    return 2;
  }
  std::vector<std::string> lines;
  std::string line;
  for (int c = std::fgetc(file); c != EOF; c = std::fgetc(file)) {
    if (c == '\n') {
      lines.push_back(std::move(line));
      line.clear();
    } else {
      line.push_back(static_cast<char>(c));
    }
  }
  std::fclose(file);
  if (!line.empty()) lines.push_back(std::move(line));  // A torn tail is shown too.
  const std::size_t first = lines.size() > last ? lines.size() - last : 0;
  int status = 0;
  for (std::size_t i = first; i < lines.size(); ++i) {
    auto record = admin::ParseAuditLine(lines[i]);
    if (!record) {
      std::printf("line %zu: not a record: %s\n", i + 1, record.error().detail.c_str());
      status = 1;
      continue;
    }
    std::printf("%lld %s %s %s %s %s\n", static_cast<long long>(record->seq),
                admin::FormatUnixMsUtc(record->unix_ms).c_str(), record->actor.c_str(),
                record->action.c_str(), record->outcome.c_str(), record->detail.dump().c_str());
  }
  if (!text->intact) {
    std::fprintf(stderr, "kioskctl audit: the chain is broken at record %lld (line %lld): %s\n",
                 static_cast<long long>(text->first_bad_seq),
                 static_cast<long long>(text->first_bad_line), text->reason.c_str());
  }
  return status;
}

}  // namespace

int AuditCommand(const std::vector<std::string>& args) {
  if (args.size() == 2 && args[0] == "verify") return Verify(args[1]);
  if (args.size() >= 2 && args[0] == "show") {
    std::size_t last = std::numeric_limits<std::size_t>::max();
    for (std::size_t i = 2; i < args.size(); ++i) {
      if (args[i] == "--last" && i + 1 < args.size()) {
        const std::string& count = args[++i];
        if (count.empty() || count.size() > 9 ||
            count.find_first_not_of("0123456789") != std::string::npos) {
          return AuditUsage("--last takes a count");
        }
        last = std::stoul(count);
      } else {
        return AuditUsage(("unknown option " + args[i]).c_str());
      }
    }
    return Show(args[1], last);
  }
  return AuditUsage("expected verify FILE or show FILE [--last N]");
}

}  // namespace kiosk::ctl
