#include "central/fleet_page.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <utility>

#include "central/time_format.h"

namespace kiosk::central {
namespace {

// The words operators know for the device classes and the details kiosks
// send; an unknown code is shown as it came (escaped), never dropped.
constexpr std::array<std::pair<std::string_view, std::string_view>, 6> kDeviceNames{{
    {"card_reader", "社保卡读卡器"},
    {"id_card_reader", "身份证阅读器"},
    {"barcode_reader", "扫码器"},
    {"receipt_printer", "凭条打印机"},
    {"a4_printer", "A4打印机"},
    {"document_printer", "A4打印机"},
}};
constexpr std::array<std::pair<std::string_view, std::string_view>, 10> kDetails{{
    {"paper_out", "缺纸"},
    {"paper_near_end", "纸将尽"},
    {"paper_jammed", "卡纸"},
    {"cover_open", "盖板打开"},
    {"offline", "离线"},
    {"power_off", "断电"},
    {"no_device", "未连接"},
    {"hardware_error", "硬件故障"},
    {"user_error", "需人工处理"},
    {"busy", "忙"},
}};

template <std::size_t N>
std::string Lookup(const std::array<std::pair<std::string_view, std::string_view>, N>& table,
                   const std::string& code) {
  for (const auto& [key, words] : table) {
    if (key == code) return std::string(words);
  }
  return HtmlEscape(code);
}

const char* CellClass(Severity severity) {
  switch (severity) {
    case Severity::kFault: return " class=\"bad\"";
    case Severity::kWarning: return " class=\"warn\"";
    case Severity::kNone: return "";
  }
  return "";
}

// One table cell; `html` is already escaped.
std::string Cell(const std::string& html, Severity severity = Severity::kNone) {
  return fmt::format("<td{}>{}</td>", CellClass(severity), html);
}

std::string AgoText(std::int64_t seconds) { return DurationText(seconds) + "前"; }

std::string StatusCell(const FleetEntry& entry) {
  if (entry.status == "online") return Cell("在线");
  if (entry.status == "stale") {
    return Cell(fmt::format("离线（{}无心跳）", AgoText(entry.age_s)), Severity::kFault);
  }
  return Cell("心跳无效：" + HtmlEscape(entry.invalid_reason), Severity::kFault);
}

std::string ServiceCell(const HeartbeatSnapshot& beat) {
  if (beat.in_service) return Cell("服务中");
  std::string text = "暂停服务";
  if (!beat.out_of_service_reason.empty()) {
    text += "：" + Lookup(kDetails, beat.out_of_service_reason);
  }
  return Cell(text, Severity::kFault);
}

std::string ConfigCell(const HeartbeatSnapshot& beat, const FleetView& view) {
  const std::string version = std::to_string(beat.config_version);
  if (!view.common_config_version || beat.config_version == *view.common_config_version) {
    return Cell(version);
  }
  return Cell(fmt::format("{}（多数为 {}）", version, *view.common_config_version),
              Severity::kWarning);
}

// Percent of the tighter bound (rows or bytes), as the outbox counts it.
int PercentFull(const QueueHeartbeat& queue) {
  double used = 0;
  if (queue.max_rows > 0)
    used = static_cast<double>(queue.rows) / static_cast<double>(queue.max_rows);
  if (queue.max_bytes > 0) {
    used = std::max(used,
                    static_cast<double>(queue.used_bytes) / static_cast<double>(queue.max_bytes));
  }
  return static_cast<int>(used * 100);
}

std::string QueueCell(const HeartbeatSnapshot& beat) {
  const QueueHeartbeat& queue = beat.queue;
  std::string text = std::to_string(queue.pending + queue.in_flight);
  if (queue.oldest_pending_age_s > 0) {
    text += fmt::format("<br><small>最早 {}</small>", AgoText(queue.oldest_pending_age_s));
  }
  if (!queue.accepting) {
    return Cell(text + fmt::format("<br>队列已满（{}%）", PercentFull(queue)), Severity::kFault);
  }
  if (queue.near_full) {
    return Cell(text + fmt::format("<br>队列将满（{}%）", PercentFull(queue)), Severity::kWarning);
  }
  return Cell(text);
}

std::string DeadCell(const HeartbeatSnapshot& beat) {
  if (beat.queue.dead == 0) return Cell("0");
  return Cell(fmt::format("{} 条待处理", beat.queue.dead), Severity::kWarning);
}

std::string DevicesCell(const HeartbeatSnapshot& beat) {
  std::string lines;
  Severity worst = Severity::kNone;
  for (const DeviceHeartbeat& device : beat.devices) {
    if (device.state == "ok" || device.state == "absent") continue;
    const Severity severity = device.state == "fault" ? Severity::kFault : Severity::kWarning;
    worst = std::max(worst, severity);
    std::string detail = device.detail.empty() ? (severity == Severity::kFault ? "故障" : "注意")
                                               : Lookup(kDetails, device.detail);
    if (!lines.empty()) lines += "<br>";
    lines += Lookup(kDeviceNames, device.device) + "：" + detail;
  }
  if (lines.empty()) return Cell(beat.devices.empty() ? "未报告" : "正常");
  return Cell(lines, worst);
}

std::string Row(const FleetEntry& entry, const FleetView& view) {
  std::string row = fmt::format("<tr data-kiosk=\"{}\" data-severity=\"{}\">",
                                HtmlEscape(entry.kiosk_id), ToString(entry.severity));
  row += Cell(HtmlEscape(entry.kiosk_id), entry.severity);
  if (entry.heartbeat) {
    const HeartbeatSnapshot& beat = *entry.heartbeat;
    row += Cell(HtmlEscape(beat.region));
    row += StatusCell(entry);
    row += ServiceCell(beat);
    row += Cell(HtmlEscape(beat.software_version));
    row += ConfigCell(beat, view);
    row += Cell(DurationText(beat.uptime_s));
    row += QueueCell(beat);
    row += DeadCell(beat);
    row += DevicesCell(beat);
  } else {
    row += Cell("—") + StatusCell(entry);
    for (int i = 0; i < 7; ++i) row += Cell("—");
  }
  row += Cell(fmt::format(
      "{}<br><small>{}</small>",
      BeijingDateTime(Clock::time_point(std::chrono::milliseconds(entry.received_unix_ms))),
      AgoText(entry.age_s)));
  return row + "</tr>\n";
}

constexpr const char* kHead = R"(<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta http-equiv="refresh" content="30">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>终端运行状态 · kiosk-central</title>
<style>
body { font-family: "Noto Sans CJK SC", "Noto Sans SC", sans-serif; margin: 24px; color: #1f2328; }
h1 { font-size: 24px; margin: 0 0 8px; }
.summary { font-size: 18px; margin: 0 0 16px; }
.summary span { display: inline-block; padding: 2px 10px; margin-right: 8px; border-radius: 4px; background: #eef1f4; }
.summary span.bad { background: #fde2e1; color: #86181d; font-weight: bold; }
.summary span.warn { background: #fff3cd; color: #5c4300; font-weight: bold; }
table { border-collapse: collapse; width: 100%; font-size: 15px; }
th, td { border: 1px solid #c9d1d9; padding: 6px 8px; text-align: left; vertical-align: top; overflow-wrap: anywhere; }
th { background: #f3f5f7; white-space: nowrap; }
td.bad { background: #fde2e1; color: #86181d; font-weight: bold; }
td.warn { background: #fff3cd; color: #5c4300; }
small { color: inherit; opacity: 0.8; }
.empty { font-size: 18px; color: #57606a; }
</style>
</head>
<body>
<h1>终端运行状态</h1>
)";

}  // namespace

std::string HtmlEscape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c; break;
    }
  }
  return out;
}

std::string DurationText(std::int64_t seconds) {
  seconds = std::max<std::int64_t>(0, seconds);
  const std::int64_t days = seconds / 86400, hours = seconds % 86400 / 3600;
  const std::int64_t minutes = seconds % 3600 / 60;
  if (days > 0) return fmt::format("{}天{}小时", days, hours);
  if (hours > 0) return fmt::format("{}小时{}分", hours, minutes);
  if (minutes > 0) return fmt::format("{}分", minutes);
  return fmt::format("{}秒", seconds);
}

std::string FleetPageHtml(const FleetView& view) {
  std::string html = kHead;
  const auto count = [](const char* words, int n, Severity severity) {
    return fmt::format("<span{}>{} {}</span>", n > 0 ? CellClass(severity) : "", words, n);
  };
  html +=
      "<p class=\"summary\">" + count("在线", view.online, Severity::kNone) +
      count("离线", view.stale, Severity::kFault) + count("故障", view.faulty, Severity::kFault) +
      count("警告", view.warning, Severity::kWarning) +
      fmt::format(
          "共 {} 台 · 更新于 {}（北京时间）</p>\n", view.kiosks.size(),
          BeijingDateTime(Clock::time_point(std::chrono::milliseconds(view.generated_unix_ms))));
  if (view.kiosks.empty()) {
    return html + "<p class=\"empty\">尚无终端发送心跳。</p>\n</body>\n</html>\n";
  }
  html +=
      "<table>\n<thead><tr><th>终端</th><th>区域</th><th>状态</th><th>服务</th><th>软件版本</th>"
      "<th>配置版本</th><th>运行时长</th><th>待提交</th><th>死信</th><th>设备</th>"
      "<th>最后心跳</th></tr></thead>\n<tbody>\n";
  for (const FleetEntry& entry : view.kiosks) html += Row(entry, view);
  return html + "</tbody>\n</table>\n</body>\n</html>\n";
}

ApiResponse HandleFleetPage(KioskReportStore& store, std::int64_t now_unix_ms) {
  auto latest = store.Latest(kHeartbeatKind);
  if (!latest) {
    // Operators read this page, not a program: say it in words, still 500.
    return HtmlResponse(500,
                        "<!DOCTYPE html><meta charset=\"utf-8\"><title>错误</title>"
                        "<p>无法读取终端心跳：" +
                            HtmlEscape(latest.error().Describe()) + "</p>");
  }
  return HtmlResponse(200, FleetPageHtml(BuildFleetView(*latest, now_unix_ms)));
}

}  // namespace kiosk::central
