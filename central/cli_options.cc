#include "central/cli_options.h"

#include <fmt/format.h>

#include <charconv>

namespace kiosk::central {
namespace {

Result<int> ParsePort(const std::string& text) {
  int port = -1;
  const char* end = text.data() + text.size();
  auto [stop, error] = std::from_chars(text.data(), end, port);
  if (text.empty() || error != std::errc() || stop != end || port < 0 || port > 65535) {
    return Fail(ErrorCode::kInvalidArgument, "--port wants a number from 0 to 65535, not " + text);
  }
  return port;
}

}  // namespace

Result<CliOptions> ParseCliOptions(const std::vector<std::string>& args) {
  CliOptions options;
  options.data = KIOSK_CENTRAL_DEFAULT_DATA;
  for (std::size_t i = 0; i < args.size(); ++i) {
    std::string flag = args[i];
    std::optional<std::string> value;
    if (const auto equals = flag.find('='); flag.starts_with("--") && equals != std::string::npos) {
      value = flag.substr(equals + 1);
      flag.resize(equals);
    }
    if (flag == "--help" || flag == "-h") {
      if (value) return Fail(ErrorCode::kInvalidArgument, "--help takes no value");
      options.help = true;
      continue;
    }
    if (flag == "--allow-fault-injection") {
      if (value) return Fail(ErrorCode::kInvalidArgument, "--allow-fault-injection takes no value");
      options.allow_fault_injection = true;
      continue;
    }
    if (flag != "--bind" && flag != "--port" && flag != "--port-file" && flag != "--db" &&
        flag != "--data") {
      return Fail(ErrorCode::kInvalidArgument, "unknown argument " + args[i]);
    }
    if (!value) {
      if (i + 1 == args.size()) return Fail(ErrorCode::kInvalidArgument, flag + " needs a value");
      value = args[++i];
    }
    if (value->empty()) return Fail(ErrorCode::kInvalidArgument, flag + " needs a non-empty value");
    if (flag == "--bind") {
      options.bind = *value;
    } else if (flag == "--port") {
      auto port = ParsePort(*value);
      if (!port) return std::unexpected(port.error());
      options.port = *port;
    } else if (flag == "--port-file") {
      options.port_file = *value;
    } else if (flag == "--db") {
      options.db = *value;
    } else {
      options.data = *value;
    }
  }
  return options;
}

std::string Usage(const std::string& program) {
  return fmt::format(
      "usage: {} [--bind ADDR] [--port N] [--port-file PATH] [--db PATH] [--data FILE]\n"
      "       [--allow-fault-injection]\n"
      "\n"
      "The reference central service for kiosks: insurance queries and idempotent\n"
      "submissions over HTTP.\n"
      "\n"
      "  --bind ADDR       address to listen on (default 127.0.0.1)\n"
      "  --port N          port to listen on; 0 picks a free one (default 8480)\n"
      "  --port-file PATH  once listening, write the port and a newline to PATH\n"
      "  --db PATH         SQLite database (default kiosk-central.sqlite; :memory: allowed)\n"
      "  --data FILE       citizen seed JSON (default {})\n"
      "  --allow-fault-injection\n"
      "                    serve POST/GET /v1/test/faults, which make the submission and\n"
      "                    query routes fail on demand (for tests; never in production)\n"
      "  --help            show this text\n",
      program, KIOSK_CENTRAL_DEFAULT_DATA);
}

}  // namespace kiosk::central
