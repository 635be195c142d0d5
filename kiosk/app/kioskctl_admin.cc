#include "kiosk/app/kioskctl_admin.h"

#include <cstdio>
#include <iostream>
#include <nlohmann/json.hpp>

#include "common/secure_wipe.h"
#include "kiosk/core/admin/pin_hash.h"

namespace kiosk::ctl {
namespace {

int AdminUsage(const char* problem) {
  std::fprintf(stderr, "kioskctl admin: %s\nusage: kioskctl admin hash-pin [--iterations N]\n",
               problem);
  return 2;
}

}  // namespace

int AdminCommand(const std::vector<std::string>& args) {
  if (args.empty() || args[0] != "hash-pin") return AdminUsage("expected hash-pin");
  int iterations = admin::kDefaultPinIterations;
  for (std::size_t i = 1; i < args.size(); ++i) {
    if (args[i] == "--iterations" && i + 1 < args.size()) {
      const std::string& count = args[++i];
      if (count.empty() || count.size() > 8 ||
          count.find_first_not_of("0123456789") != std::string::npos) {
        return AdminUsage("--iterations takes a count");
      }
      iterations = std::stoi(count);
    } else {
      return AdminUsage(("unknown option " + args[i]).c_str());
    }
  }
  std::string pin;
  std::getline(std::cin, pin);
  if (!pin.empty() && pin.back() == '\r') pin.pop_back();
  auto hash = admin::HashPin(pin, iterations);
  SecureWipe(pin);
  if (!hash) {
    std::fprintf(stderr, "kioskctl admin: %s\n", hash.error().detail.c_str());
    return 1;
  }
  const nlohmann::json object = {
      {"salt", hash->salt_hex}, {"iterations", hash->iterations}, {"hash", hash->hash_hex}};
  std::printf("%s\n", object.dump().c_str());
  return 0;
}

}  // namespace kiosk::ctl
