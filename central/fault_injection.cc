#include "central/fault_injection.h"

#include <array>
#include <utility>

namespace kiosk::central {
namespace {

// Far above any client timeout worth testing; keeps a typo from parking
// every handler thread for hours.
constexpr std::int64_t kMaxStallMs = 120'000;

constexpr std::array<std::pair<FaultMode, const char*>, 7> kModeNames = {{
    {FaultMode::kNone, "none"},
    {FaultMode::kDown, "down"},
    {FaultMode::kError500, "error_500"},
    {FaultMode::kError429, "error_429"},
    {FaultMode::kStall, "stall"},
    {FaultMode::kCut, "cut"},
    {FaultMode::kCutAfterStore, "cut_after_store"},
}};

}  // namespace

const char* ToString(FaultMode mode) {
  for (const auto& [candidate, name] : kModeNames) {
    if (candidate == mode) return name;
  }
  return "none";
}

std::optional<FaultMode> FaultModeFromString(const std::string& text) {
  for (const auto& [mode, name] : kModeNames) {
    if (text == name) return mode;
  }
  return std::nullopt;
}

Result<FaultPlan> ParseFaultPlan(const std::string& body) {
  const auto request = nlohmann::json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (request.is_discarded() || !request.is_object()) {
    return Fail(ErrorCode::kInvalidArgument, "the body is not a JSON object");
  }
  FaultPlan plan;
  const auto mode = request.find("mode");
  if (mode == request.end() || !mode->is_string()) {
    return Fail(ErrorCode::kInvalidArgument, "\"mode\" must be a string");
  }
  const auto parsed = FaultModeFromString(mode->get<std::string>());
  if (!parsed) {
    return Fail(ErrorCode::kInvalidArgument,
                "\"mode\" must be none, down, error_500, error_429, stall, cut or "
                "cut_after_store");
  }
  plan.mode = *parsed;
  if (const auto stall = request.find("stall_ms"); stall != request.end()) {
    if (!stall->is_number_integer() || stall->get<std::int64_t>() < 0 ||
        stall->get<std::int64_t>() > kMaxStallMs) {
      return Fail(ErrorCode::kInvalidArgument, "\"stall_ms\" must be an integer from 0 to 120000");
    }
    plan.stall = std::chrono::milliseconds(stall->get<std::int64_t>());
  }
  if (plan.mode == FaultMode::kStall && plan.stall.count() == 0) {
    return Fail(ErrorCode::kInvalidArgument, "mode stall needs \"stall_ms\" above 0");
  }
  if (const auto count = request.find("count"); count != request.end() && !count->is_null()) {
    if (!count->is_number_integer() || count->get<std::int64_t>() < 1 ||
        count->get<std::int64_t>() > 1'000'000) {
      return Fail(ErrorCode::kInvalidArgument, "\"count\" must be an integer from 1 to 1000000");
    }
    plan.count = static_cast<int>(count->get<std::int64_t>());
  }
  if (const auto regions = request.find("regions"); regions != request.end()) {
    if (!regions->is_array()) {
      return Fail(ErrorCode::kInvalidArgument, "\"regions\" must be an array of strings");
    }
    for (const auto& region : *regions) {
      if (!region.is_string() || region.get<std::string>().empty()) {
        return Fail(ErrorCode::kInvalidArgument, "\"regions\" must be an array of strings");
      }
      plan.regions.insert(region.get<std::string>());
    }
  }
  return plan;
}

nlohmann::json FaultPlanJson(const FaultPlan& plan) {
  nlohmann::json body = {
      {"mode", ToString(plan.mode)}, {"stall_ms", plan.stall.count()}, {"regions", plan.regions}};
  body["count"] = plan.count ? nlohmann::json(*plan.count) : nlohmann::json(nullptr);
  return body;
}

void FaultInjector::Set(FaultPlan plan) {
  std::lock_guard lock(mutex_);
  plan_ = std::move(plan);
  faulted_ = 0;
}

FaultPlan FaultInjector::Current() const {
  std::lock_guard lock(mutex_);
  return plan_;
}

FaultPlan FaultInjector::Draw(const std::string& region) {
  std::lock_guard lock(mutex_);
  if (plan_.mode == FaultMode::kNone ||
      (!plan_.regions.empty() && !plan_.regions.contains(region))) {
    return FaultPlan{};
  }
  FaultPlan drawn = plan_;
  ++faulted_;
  if (plan_.count && --*plan_.count <= 0) plan_ = FaultPlan{};
  return drawn;
}

int FaultInjector::Faulted() const {
  std::lock_guard lock(mutex_);
  return faulted_;
}

}  // namespace kiosk::central
