// The fleet page's HTML: the headings, problems as words in red and amber
// cells, the counts, the order, every kiosk-supplied value escaped, and
// the page served as UTF-8 HTML by the running server.

#include "central/fleet_page.h"

#include <catch2/catch.hpp>

#include "tests/central/central_test_support.h"

namespace kiosk::central::testing {
namespace {

constexpr std::int64_t kNow = 1'764'900'000'000;  // 2025-12-05 10:00:00 Beijing time.

HeartbeatSnapshot Healthy(const std::string& id) {
  HeartbeatSnapshot beat;
  beat.kiosk_id = id;
  beat.region = "442000";
  beat.software_version = "0.1.0";
  beat.config_version = 5;
  beat.uptime_s = 2 * 86400 + 3 * 3600;
  beat.interval_s = 60;
  beat.devices = {{"card_reader", "ok", ""}, {"receipt_printer", "ok", ""}};
  return beat;
}

KioskReport Stored(const HeartbeatSnapshot& beat, std::int64_t received_unix_ms) {
  return {beat.kiosk_id, kHeartbeatKind, received_unix_ms, HeartbeatJson(beat).dump()};
}

// The text of the table row of `kiosk_id` (as escaped in the attribute).
std::string RowOf(const std::string& html, const std::string& kiosk_id) {
  const auto start = html.find("<tr data-kiosk=\"" + kiosk_id + "\"");
  REQUIRE(start != std::string::npos);
  return html.substr(start, html.find("</tr>", start) - start);
}

}  // namespace

TEST_CASE("values are HTML-escaped", "[central][fleet_page]") {
  CHECK(HtmlEscape("<script>alert('x')</script> & \"q\"") ==
        "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;");
  CHECK(HtmlEscape("终端 T-01") == "终端 T-01");
}

TEST_CASE("durations read as operators say them", "[central][fleet_page]") {
  CHECK(DurationText(40) == "40秒");
  CHECK(DurationText(7 * 60 + 5) == "7分");
  CHECK(DurationText(2 * 3600 + 5 * 60) == "2小时5分");
  CHECK(DurationText(3 * 86400 + 4 * 3600 + 59) == "3天4小时");
  CHECK(DurationText(-5) == "0秒");
}

TEST_CASE("the page has the headings, the counts and a row per kiosk", "[central][fleet_page]") {
  HeartbeatSnapshot printer = Healthy("T-PRINTER");
  printer.devices[1] = {"receipt_printer", "fault", "paper_out"};
  printer.queue = {12, 1, 3, 600, 95, 100, 13, 100, true, true};
  HeartbeatSnapshot stale = Healthy("T-STALE");
  stale.config_version = 4;
  const std::string html =
      FleetPageHtml(BuildFleetView({Stored(Healthy("T-OK"), kNow - 20'000), Stored(printer, kNow),
                                    Stored(stale, kNow - 600'000)},
                                   kNow));

  CHECK(html.starts_with("<!DOCTYPE html>"));
  CHECK(html.find("<meta charset=\"utf-8\">") != std::string::npos);
  CHECK(html.find("<meta http-equiv=\"refresh\" content=\"30\">") != std::string::npos);
  for (const char* heading : {"终端", "区域", "状态", "服务", "软件版本", "配置版本", "运行时长",
                              "待提交", "死信", "设备", "最后心跳"}) {
    CHECK(html.find(std::string("<th>") + heading + "</th>") != std::string::npos);
  }
  // No external resources: nothing to fetch from a network operators may not have.
  CHECK(html.find("http://") == std::string::npos);
  CHECK(html.find("https://") == std::string::npos);
  CHECK(html.find("<script") == std::string::npos);
  CHECK(html.find("<link") == std::string::npos);

  CHECK(html.find("<span>在线 2</span>") != std::string::npos);
  CHECK(html.find("<span class=\"bad\">离线 1</span>") != std::string::npos);
  CHECK(html.find("<span class=\"bad\">故障 1</span>") != std::string::npos);
  CHECK(html.find("共 3 台") != std::string::npos);
  CHECK(html.find("更新于 2025-12-05 10:00:00") != std::string::npos);

  const std::string printer_row = RowOf(html, "T-PRINTER");
  CHECK(printer_row.find("<td class=\"bad\">凭条打印机：缺纸</td>") != std::string::npos);
  CHECK(printer_row.find("<td class=\"warn\">3 条待处理</td>") != std::string::npos);
  CHECK(printer_row.find(
            "<td class=\"warn\">13<br><small>最早 10分前</small><br>队列将满（95%）</td>") !=
        std::string::npos);
  CHECK(printer_row.find("<td>服务中</td>") != std::string::npos);
  CHECK(printer_row.find("<td>2天3小时</td>") != std::string::npos);

  const std::string stale_row = RowOf(html, "T-STALE");
  CHECK(stale_row.find("<td class=\"bad\">离线（10分前无心跳）</td>") != std::string::npos);
  CHECK(stale_row.find("<td class=\"warn\">4（多数为 5）</td>") != std::string::npos);

  const std::string ok_row = RowOf(html, "T-OK");
  CHECK(ok_row.find("<td>在线</td>") != std::string::npos);
  CHECK(ok_row.find("<td>正常</td>") != std::string::npos);
  CHECK(ok_row.find("class=\"bad\"") == std::string::npos);
  CHECK(ok_row.find("class=\"warn\"") == std::string::npos);
  CHECK(ok_row.find("2025-12-05 09:59:40<br><small>20秒前</small>") != std::string::npos);
}

TEST_CASE("rows with problems come first", "[central][fleet_page]") {
  HeartbeatSnapshot warn = Healthy("A-WARN");
  warn.devices[1] = {"receipt_printer", "warning", "paper_near_end"};
  HeartbeatSnapshot paused = Healthy("Z-PAUSED");
  paused.in_service = false;
  paused.out_of_service_reason = "maintenance";
  const std::string html = FleetPageHtml(BuildFleetView(
      {Stored(Healthy("A-OK"), kNow), Stored(warn, kNow), Stored(paused, kNow)}, kNow));
  const auto paused_at = html.find("data-kiosk=\"Z-PAUSED\"");
  const auto warn_at = html.find("data-kiosk=\"A-WARN\"");
  const auto ok_at = html.find("data-kiosk=\"A-OK\"");
  REQUIRE(ok_at != std::string::npos);
  CHECK(paused_at < warn_at);
  CHECK(warn_at < ok_at);
  CHECK(RowOf(html, "Z-PAUSED").find("<td class=\"bad\">暂停服务：maintenance</td>") !=
        std::string::npos);
  CHECK(RowOf(html, "A-WARN").find("<td class=\"warn\">凭条打印机：纸将尽</td>") !=
        std::string::npos);
}

TEST_CASE("whatever a kiosk sends is shown as text, never as markup", "[central][fleet_page]") {
  HeartbeatSnapshot evil = Healthy("<script>alert(1)</script>");
  evil.region = "<b>442000</b>";
  evil.software_version = "1.0\" onmouseover=\"x";
  evil.devices[1] = {"<img src=x>", "fault", "<script>steal()</script>"};
  evil.in_service = false;
  evil.out_of_service_reason = "<i>why</i>";
  const std::string html = FleetPageHtml(BuildFleetView({Stored(evil, kNow)}, kNow));
  CHECK(html.find("<script") == std::string::npos);
  CHECK(html.find("<img") == std::string::npos);
  CHECK(html.find("<b>442000") == std::string::npos);
  CHECK(html.find("<i>why") == std::string::npos);
  CHECK(html.find("onmouseover=\"x") == std::string::npos);
  CHECK(html.find("data-kiosk=\"&lt;script&gt;alert(1)&lt;/script&gt;\"") != std::string::npos);
  CHECK(html.find("&lt;img src=x&gt;：&lt;script&gt;steal()&lt;/script&gt;") != std::string::npos);
  CHECK(html.find("1.0&quot; onmouseover=&quot;x") != std::string::npos);
}

TEST_CASE("an empty fleet says so", "[central][fleet_page]") {
  const std::string html = FleetPageHtml(BuildFleetView({}, kNow));
  CHECK(html.find("尚无终端发送心跳") != std::string::npos);
  CHECK(html.find("<table>") == std::string::npos);
}

TEST_CASE("the server answers /fleet as UTF-8 HTML and /v1/fleet as JSON",
          "[central][fleet_page]") {
  RunningCentral central;
  auto& client = central.Client();
  HeartbeatSnapshot beat = Healthy("ZS-T03");
  REQUIRE(client
              .Post("/v1/kiosks/ZS-T03/reports/heartbeat", HeartbeatJson(beat).dump(),
                    "application/json")
              ->status == 201);
  auto page = client.Get("/fleet");
  REQUIRE(page);
  CHECK(page->status == 200);
  CHECK(page->get_header_value("Content-Type") == "text/html; charset=utf-8");
  CHECK(page->body.find("data-kiosk=\"ZS-T03\"") != std::string::npos);
  auto fleet = BodyOf(client.Get("/v1/fleet"));
  REQUIRE(fleet["kiosks"].size() == 1);
  CHECK(fleet["kiosks"][0]["status"] == "online");
}

}  // namespace kiosk::central::testing
