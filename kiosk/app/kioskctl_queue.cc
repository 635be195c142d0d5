#include "kiosk/app/kioskctl_queue.h"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <sstream>
#include <thread>

#include "common/uuid.h"
#include "kiosk/app/kioskctl_args.h"
#include "kiosk/core/catalog/catalog.h"
#include "kiosk/core/central/http_central_client.h"
#include "kiosk/core/config/kiosk_config.h"
#include "kiosk/core/session/submission_envelope.h"
#include "kiosk/core/sync/delivery_worker.h"
#include "kiosk/core/sync/kiosk_outbox.h"
#include "kiosk/core/sync/outbox_summary.h"
#include "offline_cache/outbox.h"

namespace kiosk::ctl {
namespace {

constexpr int kOk = 0;
constexpr int kFailure = 1;
constexpr int kUsageError = 2;
constexpr int kUnknownItem = 3;
constexpr int kBadData = 4;
constexpr int kNoSuchRow = 5;
constexpr int kNotDead = 6;
constexpr int kNotEmpty = 7;

constexpr const char* kQueueUsage = R"(usage:
  kioskctl submit --item ID --data FILE [--identity FILE] [--region R] [--data-dir DIR] [--config DIR]
  kioskctl queue status [--data-dir DIR] [--json]
  kioskctl queue retry ID [--data-dir DIR]
  kioskctl queue deliver [--central URL] [--until-empty] [--timeout S]
                         [--first-backoff-ms N] [--max-backoff-ms N] [--data-dir DIR] [--config DIR]
)";

int Usage(const std::string& problem) {
  std::fprintf(stderr, "kioskctl: %s\n%s", problem.c_str(), kQueueUsage);
  return kUsageError;
}

int Failure(const std::string& problem, int status = kFailure) {
  std::fprintf(stderr, "kioskctl: %s\n", problem.c_str());
  return status;
}

std::optional<std::int64_t> ParseCount(const std::string& text) {
  try {
    std::size_t used = 0;
    const long long value = std::stoll(text, &used);
    if (used != text.size() || value < 0) return std::nullopt;
    return value;
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

std::int64_t NowUnixMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

std::string OutboxPath(const std::string& data_dir) {
  return (std::filesystem::path(data_dir) / "outbox.sqlite").string();
}

// Opens the outbox; `create` makes the directory and store for a first
// submission, otherwise a missing store is an error (a typo in --data-dir
// must not look like an empty queue).
// The kiosk's outbox, opened with its sealing key (kiosk_outbox.h). Only
// `submit` may make the key, when no kiosk has run here yet.
Result<std::unique_ptr<cache::Outbox>> OpenOutbox(const std::string& config_dir,
                                                  const std::string& data_dir, bool create) {
  auto config = LoadKioskConfig(config_dir);
  if (!config) return std::unexpected(config.error());
  const std::string path = OutboxPath(data_dir);
  if (create) {
    std::error_code error;
    std::filesystem::create_directories(data_dir, error);
    if (error) return Fail(ErrorCode::kIo, "cannot create " + data_dir + ": " + error.message());
  } else if (!std::filesystem::exists(path)) {
    return Fail(ErrorCode::kNotFound, "no outbox at " + path);
  }
  return OpenKioskOutbox(*config, data_dir,
                         create ? KeyCreation::kCreateIfMissing : KeyCreation::kMustExist);
}

Result<nlohmann::json> ReadJsonObject(const std::string& path) {
  std::ifstream in(path);
  if (!in) return Fail(ErrorCode::kIo, "cannot read " + path);
  std::stringstream text;
  text << in.rdbuf();
  auto document = nlohmann::json::parse(text.str(), nullptr, /*allow_exceptions=*/false);
  if (document.is_discarded()) return Fail(ErrorCode::kInvalidData, path + " is not JSON");
  if (!document.is_object()) {
    return Fail(ErrorCode::kInvalidData, path + " is not a JSON object");
  }
  return document;
}

// The first submit step of the item's flow: what the confirm screen sends.
const FlowStep* SubmitStep(const ServiceItem& item) {
  for (const FlowStep& step : item.flow) {
    if (step.type == StepType::kSubmit) return &step;
  }
  return nullptr;
}

// Every member must be a field of the item with a string value, as the
// form produces them.
std::optional<std::string> FieldsProblem(const ServiceItem& item, const nlohmann::json& fields) {
  for (const auto& [name, value] : fields.items()) {
    if (item.FindField(name) == nullptr) {
      return "\"" + name + "\" is not a field of " + item.id;
    }
    if (!value.is_string()) return "the value of \"" + name + "\" is not a string";
  }
  return std::nullopt;
}

int Submit(const std::vector<std::string>& raw, const std::string& default_config_dir) {
  std::string problem;
  auto args = ctl::ParseArgs(
      raw, {"--item", "--data", "--identity", "--region", "--data-dir", "--config"}, {}, problem);
  if (!args) return Usage(problem);
  if (!args->words.empty()) return Usage("submit takes no word " + args->words[0]);
  if (!args->Has("--item") || !args->Has("--data")) {
    return Usage("submit needs --item ID and --data FILE");
  }
  auto config = LoadKioskConfig(args->One("--config", default_config_dir));
  if (!config) return Failure(config.error().Describe());
  auto catalog = Catalog::Load(config->catalog_dir);
  if (!catalog) return Failure(catalog.error().Describe());

  const std::string item_id = args->One("--item");
  const ServiceItem* item = catalog->Find(item_id);
  if (item == nullptr) return Failure("no item " + item_id + " in the catalog", kUnknownItem);
  const FlowStep* step = SubmitStep(*item);
  if (step == nullptr) return Failure("item " + item_id + " submits nothing", kUnknownItem);

  auto fields = ReadJsonObject(args->One("--data"));
  if (!fields) return Failure(fields.error().Describe(), kBadData);
  if (auto wrong = FieldsProblem(*item, *fields)) return Failure(*wrong, kBadData);
  nlohmann::json identity = {{"method", "kioskctl"}};
  if (args->Has("--identity")) {
    auto read = ReadJsonObject(args->One("--identity"));
    if (!read) return Failure(read.error().Describe(), kBadData);
    identity = std::move(*read);
  }

  std::string region = RegionForItem(*item, *config, "");
  if (args->Has("--region")) {
    region = args->One("--region");
    const bool handled =
        std::find(item->regions.begin(), item->regions.end(), region) != item->regions.end();
    if (!handled || config->FindRegion(region) == nullptr) {
      return Failure("item " + item_id + " is not handled in region " + region + " by this kiosk",
                     kUnknownItem);
    }
  }

  auto outbox = OpenOutbox(args->One("--config", default_config_dir),
                           args->One("--data-dir", "/var/lib/kiosk"), /*create=*/true);
  if (!outbox) return Failure(outbox.error().Describe());
  const std::int64_t now = NowUnixMs();
  const cache::NewSubmission submission = BuildSubmission({.idempotency_key = NewUuid(),
                                                           .region = region,
                                                           .kind = step->submission,
                                                           .item_id = item->id,
                                                           .bundle_id = {},
                                                           .kiosk_id = config->kiosk_id,
                                                           .identity = std::move(identity),
                                                           .fields = std::move(*fields),
                                                           .submitted_at_ms = now});
  auto id = (*outbox)->Enqueue(submission, now);
  if (!id) return Failure(id.error().Describe());
  const nlohmann::json answer = {
      {"id", *id},
      {"idempotency_key", submission.idempotency_key},
      {"acceptance_number", AcceptanceNumber(submission.idempotency_key, now)},
      {"region", region}};
  std::printf("%s\n", answer.dump().c_str());
  return kOk;
}

nlohmann::json CountsJson(const cache::OutboxCounts& counts) {
  return {{"pending", counts.pending},
          {"in_flight", counts.in_flight},
          {"delivered", counts.delivered},
          {"dead", counts.dead}};
}

int Status(const std::vector<std::string>& raw, const std::string& default_config_dir) {
  std::string problem;
  auto args = ctl::ParseArgs(raw, {"--data-dir", "--config"}, {"--json"}, problem);
  if (!args) return Usage(problem);
  if (!args->words.empty()) return Usage("queue status takes no word " + args->words[0]);
  auto outbox = OpenOutbox(args->One("--config", default_config_dir),
                           args->One("--data-dir", "/var/lib/kiosk"), /*create=*/false);
  if (!outbox) return Failure(outbox.error().Describe());
  // One read of every row: the counts, the ages and the dead letters agree.
  auto summary = SummarizeOutbox(**outbox);
  if (!summary) return Failure(summary.error().Describe());

  const std::int64_t now = NowUnixMs();
  const cache::OutboxCounts& total = summary->total;
  const auto& by_region = summary->by_region;
  const std::optional<std::int64_t>& oldest_pending_ms = summary->oldest_pending_unix_ms;
  nlohmann::json dead = nlohmann::json::array();
  for (const cache::OutboxEntry& row : summary->dead_letters) {
    dead.push_back({{"id", row.id},
                    {"region", row.region},
                    {"kind", row.kind},
                    {"item_id", row.item_id},
                    {"attempts", row.attempts},
                    {"idempotency_key", row.idempotency_key},
                    {"reason", row.last_error}});
  }
  nlohmann::json status = {{"counts", CountsJson(total)}, {"regions", nlohmann::json::object()}};
  for (const auto& [region, counts] : by_region) status["regions"][region] = CountsJson(counts);
  status["oldest_pending_age_ms"] =
      oldest_pending_ms ? nlohmann::json(std::max<std::int64_t>(0, now - *oldest_pending_ms))
                        : nlohmann::json(nullptr);
  status["dead_letters"] = dead;

  if (args->Has("--json")) {
    std::printf("%s\n", status.dump(2).c_str());
    return kOk;
  }
  std::printf("pending %d, in flight %d, delivered %d, dead %d\n", total.pending, total.in_flight,
              total.delivered, total.dead);
  for (const auto& [region, counts] : by_region) {
    std::printf("  region %s: pending %d, in flight %d, delivered %d, dead %d\n", region.c_str(),
                counts.pending, counts.in_flight, counts.delivered, counts.dead);
  }
  if (oldest_pending_ms) {
    std::printf("oldest waiting row: %lld s old\n",
                static_cast<long long>((now - *oldest_pending_ms) / 1000));
  }
  for (const auto& letter : dead) {
    std::printf("dead letter %lld (%s, %s, %d attempts): %s\n",
                static_cast<long long>(letter["id"].get<std::int64_t>()),
                letter["region"].get<std::string>().c_str(),
                letter["item_id"].get<std::string>().c_str(), letter["attempts"].get<int>(),
                letter["reason"].get<std::string>().c_str());
  }
  return kOk;
}

int Retry(const std::vector<std::string>& raw, const std::string& default_config_dir) {
  std::string problem;
  auto args = ctl::ParseArgs(raw, {"--data-dir", "--config"}, {}, problem);
  if (!args) return Usage(problem);
  if (args->words.size() != 1) return Usage("queue retry takes one row id");
  const auto id = ParseCount(args->words[0]);
  if (!id) return Usage("the row id must be a number, not " + args->words[0]);
  auto outbox = OpenOutbox(args->One("--config", default_config_dir),
                           args->One("--data-dir", "/var/lib/kiosk"), /*create=*/false);
  if (!outbox) return Failure(outbox.error().Describe());
  if (auto requeued = (*outbox)->Requeue(*id, NowUnixMs()); !requeued) {
    const Error& error = requeued.error();
    if (error.code == ErrorCode::kNotFound) return Failure(error.detail, kNoSuchRow);
    if (error.code == ErrorCode::kSequence) return Failure(error.detail, kNotDead);
    return Failure(error.Describe());
  }
  std::printf("row %lld is pending again\n", static_cast<long long>(*id));
  return kOk;
}

int Deliver(const std::vector<std::string>& raw, const std::string& default_config_dir) {
  std::string problem;
  auto args = ctl::ParseArgs(raw,
                             {"--central", "--timeout", "--first-backoff-ms", "--max-backoff-ms",
                              "--data-dir", "--config"},
                             {"--until-empty"}, problem);
  if (!args) return Usage(problem);
  if (!args->words.empty()) return Usage("queue deliver takes no word " + args->words[0]);
  double timeout_s = 60;
  if (args->Has("--timeout")) {
    auto parsed = ParseTimeoutSeconds(args->One("--timeout"));
    if (!parsed) return Usage(kTimeoutProblem);
    timeout_s = *parsed;
  }
  DeliveryPolicy policy;
  for (auto [flag, target] : {std::pair{"--first-backoff-ms", &policy.first_backoff},
                              std::pair{"--max-backoff-ms", &policy.max_backoff}}) {
    if (!args->Has(flag)) continue;
    auto parsed = ParseCount(args->One(flag));
    if (!parsed || *parsed < 1) return Usage(std::string(flag) + " takes milliseconds above 0");
    *target = std::chrono::milliseconds(*parsed);
  }

  auto config = LoadKioskConfig(args->One("--config", default_config_dir));
  if (!config) return Failure(config.error().Describe());
  HttpClientOptions client_options = ClientOptionsFor(*config);
  for (const auto& [code, region] : config->regions) {
    client_options.region_endpoints[code] = args->One("--central", region.endpoint);
  }
  auto outbox = OpenOutbox(args->One("--config", default_config_dir),
                           args->One("--data-dir", "/var/lib/kiosk"), /*create=*/false);
  if (!outbox) return Failure(outbox.error().Describe());

  HttpCentralClient central(client_options);
  DeliveryWorker worker(**outbox, central, policy, NowUnixMs);
  const auto deadline = std::chrono::steady_clock::now() +
                        std::chrono::milliseconds(static_cast<std::int64_t>(timeout_s * 1000));
  int attempted = worker.DeliverDue();
  auto counts = (*outbox)->Counts();
  while (args->Has("--until-empty") && counts && counts->pending + counts->in_flight > 0 &&
         std::chrono::steady_clock::now() < deadline) {
    // Rows waiting out their backoff are not due yet; look again shortly.
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    attempted += worker.DeliverDue();
    counts = (*outbox)->Counts();
  }
  if (!counts) return Failure(counts.error().Describe());
  nlohmann::json summary = CountsJson(*counts);
  summary["attempted"] = attempted;
  std::printf("%s\n", summary.dump().c_str());
  if (args->Has("--until-empty") && counts->pending + counts->in_flight > 0) {
    return Failure(fmt::format("rows still waiting after {} s", timeout_s), kNotEmpty);
  }
  return kOk;
}

}  // namespace

int SubmitCommand(const std::vector<std::string>& args, const std::string& default_config_dir) {
  return Submit(args, default_config_dir);
}

int QueueCommand(const std::vector<std::string>& args, const std::string& default_config_dir) {
  if (args.empty()) return Usage("queue needs status, retry or deliver");
  const std::vector<std::string> rest(args.begin() + 1, args.end());
  if (args[0] == "status") return Status(rest, default_config_dir);
  if (args[0] == "retry") return Retry(rest, default_config_dir);
  if (args[0] == "deliver") return Deliver(rest, default_config_dir);
  return Usage("unknown queue command " + args[0]);
}

}  // namespace kiosk::ctl
