// The network state through the real client and the real kiosk-central:
// reachable while it serves, unreachable once it is gone (the status bar's
// 网络中断), reachable again when it is back; a refusal by a service that
// answered is not a network failure.

#include "kiosk/core/sync/network_monitor.h"

#include <catch2/catch.hpp>
#include <chrono>

#include "kiosk/core/central/http_central_client.h"
#include "tests/support/temp_dir.h"
#include "tests/sync/central_process.h"

namespace kiosk::testing {
namespace {

std::int64_t Now() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

}  // namespace

TEST_CASE("the network state follows kiosk-central going away and coming back", "[sync][network]") {
  TempDir dir("network-monitor");
  auto central = std::make_unique<CentralProcess>(dir.Path().string(), std::vector<std::string>{});
  const int port = central->port();
  HttpClientOptions options;
  options.region_endpoints["442000"] = central->Url();
  options.connect_timeout = std::chrono::milliseconds(500);
  options.request_timeout = std::chrono::milliseconds(2000);
  HttpCentralClient client(options);
  NetworkMonitor monitor(client, "442000", Now);
  std::vector<NetworkState> changes;
  monitor.SetChangeHandler([&changes](NetworkState state) { changes.push_back(state); });
  CHECK(monitor.State() == NetworkState::kUnknown);

  monitor.CheckStale({"442000"}, std::chrono::milliseconds(0));
  CHECK(monitor.State() == NetworkState::kOnline);
  // A refusal by a service that answered: the network works.
  auto refused = monitor.Query("442000", "no_such_query", {{"x", 1}});
  REQUIRE_FALSE(refused);
  CHECK(monitor.State() == NetworkState::kOnline);

  central.reset();  // Gone: nothing listens on the port.
  monitor.CheckStale({"442000"}, std::chrono::milliseconds(0));
  CHECK(monitor.State() == NetworkState::kOffline);
  const auto contact = monitor.Contacts().at("442000");
  CHECK(contact.last_success_unix_ms.has_value());
  CHECK(contact.last_failure_unix_ms.has_value());
  CHECK(contact.last_error.find("network") != std::string::npos);

  // Back on the same port.
  TempDir second_dir("network-monitor");
  CentralProcess again(second_dir.Path().string(), {"--port", std::to_string(port)});
  REQUIRE(again.port() == port);
  monitor.CheckStale({"442000"}, std::chrono::milliseconds(0));
  CHECK(monitor.State() == NetworkState::kOnline);
  CHECK(changes == std::vector<NetworkState>{NetworkState::kOnline, NetworkState::kOffline,
                                             NetworkState::kOnline});
}

}  // namespace kiosk::testing
