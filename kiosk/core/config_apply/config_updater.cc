#include "kiosk/core/config_apply/config_updater.h"

#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "common/durable_files.h"
#include "common/log.h"
#include "kiosk/core/remote_config/reasons.h"

namespace kiosk {
namespace {

constexpr const char* kLog = "config";
// Kept beside each version's files: what it was verified from, so the
// repository still serving that version is told apart from a replay.
constexpr const char* kTargetsCopy = ".bundle/targets.json";
constexpr int kMaxRootSteps = 64;

std::optional<std::string> ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::stringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

std::int64_t UnixMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

}  // namespace

ConfigUpdater::ConfigUpdater(UpdaterOptions options, HeadquartersClient& headquarters,
                             ConfigStore& store)
    : options_(std::move(options)), headquarters_(headquarters), store_(store) {}

Result<remote_config::RootMetadata> ConfigUpdater::TrustedRoot(std::int64_t now) {
  auto bytes = ReadFile(options_.accepted_root_file);
  const bool rotated_before = bytes.has_value();
  if (!bytes) bytes = ReadFile(options_.shipped_root_file);
  if (!bytes) {
    return Fail(ErrorCode::kNotFound,
                "no trusted root: " + options_.shipped_root_file + " cannot be read");
  }
  auto root = remote_config::LoadTrustedRoot(*bytes);
  if (!root) return std::unexpected(root.error());
  std::vector<std::string> newer;
  for (std::int64_t version = root->version + 1; newer.size() < kMaxRootSteps; ++version) {
    auto next = headquarters_.Fetch("root/" + std::to_string(version) + ".root.json", "",
                                    options_.max_metadata_bytes);
    if (!next) {
      if (next.error().code == ErrorCode::kNotFound) break;
      return std::unexpected(next.error());
    }
    newer.push_back(std::move(next->body));
  }
  auto updated = remote_config::UpdateRootChain(*root, newer, now);
  if (!updated) return std::unexpected(updated.error());
  if (!newer.empty()) {
    // Kept whole (written beside, then renamed): the next start trusts it.
    const std::string path = options_.accepted_root_file;
    if (auto written = durable::WriteFile(path + ".new", newer.back()); !written) {
      return std::unexpected(written.error());
    }
    if (::rename((path + ".new").c_str(), path.c_str()) != 0) {
      return Fail(ErrorCode::kIo, "cannot rename " + path + ".new");
    }
    if (auto synced = durable::SyncDirectory(std::filesystem::path(path).parent_path().string());
        !synced) {
      return std::unexpected(synced.error());
    }
    log::Info(kLog, "root metadata rotated from version {} to {}{}", root->version,
              updated->version, rotated_before ? "" : " (first rotation since install)");
  }
  return updated;
}

UpdateCheck ConfigUpdater::Refuse(std::int64_t version, Error error) {
  log::Warning(kLog, "configuration {} refused ({}): {}", version, error.reason, error.Describe());
  // Remembered so the same bundle is not refused again each poll; only a
  // version above the running one can come back.
  if (version > store_.Current().value_or(0)) {
    if (auto recorded = store_.RecordRefusal(version, error.reason); !recorded) {
      log::Error(kLog, "cannot record the refusal: {}", recorded.error().Describe());
    }
  }
  Report("refused", version, &error);
  return {UpdateCheck::Outcome::kRefused, version, std::move(error)};
}

UpdateCheck ConfigUpdater::CheckOnce(std::int64_t now) {
  auto root = TrustedRoot(now);
  if (!root) {
    if (root.error().code == ErrorCode::kNetwork || root.error().code == ErrorCode::kTimeout) {
      log::Info(kLog, "repository unreachable: {}", root.error().Describe());
      return {UpdateCheck::Outcome::kRefused, 0, root.error()};
    }
    return Refuse(0, root.error());
  }
  auto fetched = headquarters_.Fetch("targets.json", targets_etag_, options_.max_metadata_bytes);
  if (!fetched) {
    if (fetched.error().reason == "too_large") return Refuse(0, fetched.error());
    log::Info(kLog, "repository unreachable: {}", fetched.error().Describe());
    return {UpdateCheck::Outcome::kRefused, 0, fetched.error()};
  }
  if (fetched->not_modified) return {};
  const std::string& bytes = fetched->body;

  // The repository still serving what this kiosk runs (or refused already)
  // is no news; the same version with other contents is a replay.
  const std::int64_t current = store_.Current().value_or(0);
  std::int64_t claimed = 0;
  if (auto parsed = remote_config::ParseTargets(bytes)) claimed = parsed->version;
  if (claimed > 0 && claimed == current &&
      ReadFile(store_.CurrentDir() + "/" + kTargetsCopy) == bytes) {
    targets_etag_ = fetched->etag;
    return {};
  }
  if (auto refused = store_.LastRefused();
      refused && claimed > current && refused->version == claimed) {
    targets_etag_ = fetched->etag;
    return {};
  }
  auto targets = remote_config::VerifyTargets(*root, bytes, current, now);
  if (!targets) {
    targets_etag_ = fetched->etag;
    return Refuse(claimed, targets.error());
  }
  const remote_config::KioskIdentity& identity = options_.identity;
  if (auto targeted = remote_config::CheckTargeted(*targets, identity); !targeted) {
    targets_etag_ = fetched->etag;
    return Refuse(targets->version, targeted.error());
  }

  std::vector<ConfigFile> files;
  for (const auto& [path, entry] : targets->files) {
    auto file = headquarters_.Fetch("files/" + entry.sha256, "", options_.max_file_bytes);
    if (!file) {
      if (file.error().code == ErrorCode::kNotFound || file.error().reason == "too_large") {
        return Refuse(targets->version, file.error());
      }
      log::Info(kLog, "download of {} interrupted: {}", path, file.error().Describe());
      return {UpdateCheck::Outcome::kRefused, targets->version, file.error()};
    }
    if (auto verified = remote_config::VerifyFile(*targets, path, file->body); !verified) {
      return Refuse(targets->version, verified.error());
    }
    files.push_back({path, std::move(file->body)});
  }
  files.push_back({kTargetsCopy, bytes});
  if (auto staged = store_.Stage(targets->version, files); !staged) {
    log::Error(kLog, "configuration {} could not be stored: {}", targets->version,
               staged.error().Describe());
    return {UpdateCheck::Outcome::kRefused, targets->version, staged.error()};
  }
  targets_etag_ = fetched->etag;
  log::Info(kLog, "configuration {} verified and staged ({} files)", targets->version,
            files.size() - 1);
  return {UpdateCheck::Outcome::kStaged, targets->version, {}};
}

void ConfigUpdater::Report(const std::string& event, std::int64_t version, const Error* error) {
  nlohmann::json report = {{"event", event},
                           {"applied_version", store_.Current().value_or(0)},
                           {"version", version},
                           {"at_unix_ms", UnixMs()}};
  if (error != nullptr) {
    report["reason"] = error->reason.empty() ? std::string(ToString(error->code)) : error->reason;
    report["detail"] = error->detail;
  }
  if (auto sent = headquarters_.Report("config", report); !sent) {
    log::Warning(kLog, "report to headquarters not sent: {}", sent.error().Describe());
  }
}

}  // namespace kiosk
