#include "kiosk/app/kioskctl_config_bundle.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <set>
#include <sstream>

#include "kiosk/app/kioskctl_args.h"
#include "kiosk/core/remote_config/iso_time.h"
#include "kiosk/core/remote_config/keys.h"
#include "kiosk/core/remote_config/metadata.h"
#include "kiosk/core/remote_config/verify.h"

namespace kiosk::ctl {
namespace {

namespace fs = std::filesystem;
namespace rc = kiosk::remote_config;

constexpr int kOk = 0;
constexpr int kFailure = 1;
constexpr int kUsageError = 2;
constexpr int kRefused = 3;
constexpr int kExists = 4;
constexpr int kPrivateKeyInDir = 5;

constexpr const char* kConfigUsage = R"(usage:
  kioskctl config keygen --scheme ed25519|sm2 --out PREFIX
  kioskctl config sign DIR --key K [--key K2 ...] --version N --expires DATE
                       --target region=R,group=G,kiosk=ID|all [--exclude PATH ...] --out BUNDLE
  kioskctl config verify BUNDLE [--root ROOTFILE] [--current-version N]
                         [--region R] [--kiosk-id ID] [--group G ...] [--now DATE]
  kioskctl config root --root-key PUB ... [--root-threshold N] --targets-key PUB ...
                       [--targets-threshold N] --version N --expires DATE
                       --sign-with KEY ... [--previous ROOTFILE] --out FILE
  kioskctl config publish BUNDLE --repo DIR [--root ROOTFILE ...]
)";

int Usage(const std::string& problem) {
  std::fprintf(stderr, "kioskctl: %s\n%s", problem.c_str(), kConfigUsage);
  return kUsageError;
}

int Failure(const Error& error, int status = kFailure) {
  if (status == kRefused) {
    std::fprintf(stderr, "refused: %s: %s\n", error.reason.c_str(), error.detail.c_str());
  } else {
    std::fprintf(stderr, "kioskctl: %s\n", error.Describe().c_str());
  }
  return status;
}

int Failure(const std::string& problem, int status = kFailure) {
  std::fprintf(stderr, "kioskctl: %s\n", problem.c_str());
  return status;
}

// A verification failure with a bundle reason is a refusal (3); anything
// else (I/O) is a failure (1).
int Refusal(const Error& error) {
  return Failure(error, error.reason.empty() ? kFailure : kRefused);
}

using ctl::ParsedArgs;

std::optional<ParsedArgs> Parse(const std::vector<std::string>& args,
                                const std::set<std::string>& flags, std::string& problem) {
  return ctl::ParseArgs(args, flags, {}, problem);
}

std::optional<std::int64_t> ParseCount(const std::string& text, std::int64_t minimum) {
  try {
    std::size_t used = 0;
    const long long value = std::stoll(text, &used);
    if (used != text.size() || value < minimum) return std::nullopt;
    return value;
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

Result<std::string> ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Fail(ErrorCode::kIo, "cannot read " + path.string());
  std::stringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

// Writes `bytes` to a temporary file beside `path`, fsyncs it, renames it
// over `path` and fsyncs the folder: a reader sees the old file or the new
// one, whole, even across a power cut.
Result<void> WriteFileAtomic(const fs::path& path, const std::string& bytes, mode_t mode = 0644) {
  std::string temporary = (path.parent_path() / ("." + path.filename().string() + ".XXXXXX"));
  const int fd = ::mkstemp(temporary.data());
  if (fd < 0) return Fail(ErrorCode::kIo, "cannot create a file beside " + path.string());
  bool written = ::fchmod(fd, mode) == 0;
  for (std::size_t done = 0; written && done < bytes.size();) {
    const ssize_t count = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (count <= 0) written = false;
    done += count > 0 ? static_cast<std::size_t>(count) : 0;
  }
  written = written && ::fsync(fd) == 0;
  written = ::close(fd) == 0 && written;
  if (!written || std::rename(temporary.c_str(), path.c_str()) != 0) {
    ::unlink(temporary.c_str());
    return Fail(ErrorCode::kIo, "cannot write " + path.string());
  }
  const int dir = ::open(path.parent_path().c_str(), O_RDONLY | O_DIRECTORY);
  if (dir >= 0) {
    ::fsync(dir);
    ::close(dir);
  }
  return {};
}

// A new file only: O_EXCL, so an existing key is never overwritten.
Result<void> WriteNewFile(const fs::path& path, const std::string& bytes, mode_t mode) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode);
  if (fd < 0) {
    return std::unexpected(Error(errno == EEXIST ? ErrorCode::kInvalidArgument : ErrorCode::kIo,
                                 "cannot create " + path.string() + ": " + std::strerror(errno),
                                 errno == EEXIST ? "exists" : ""));
  }
  bool written = ::fchmod(fd, mode) == 0;
  written =
      written && ::write(fd, bytes.data(), bytes.size()) == static_cast<ssize_t>(bytes.size());
  written = ::fsync(fd) == 0 && written;
  written = ::close(fd) == 0 && written;
  if (!written) return Fail(ErrorCode::kIo, "cannot write " + path.string());
  return {};
}

std::int64_t Now() { return static_cast<std::int64_t>(std::time(nullptr)); }

std::string Joined(const std::vector<std::string>& values) {
  std::string text;
  for (const auto& value : values) text += (text.empty() ? "" : ",") + value;
  return text.empty() ? "-" : text;
}

Result<std::vector<rc::PrivateKey>> LoadPrivateKeys(const std::vector<std::string>& paths) {
  std::vector<rc::PrivateKey> keys;
  for (const auto& path : paths) {
    auto key = rc::PrivateKey::FromFile(path);
    if (!key) return std::unexpected(key.error());
    keys.push_back(std::move(*key));
  }
  return keys;
}

Result<std::vector<rc::PublicKey>> LoadPublicKeys(const std::vector<std::string>& paths) {
  std::vector<rc::PublicKey> keys;
  for (const auto& path : paths) {
    auto pem = ReadFile(path);
    if (!pem) return std::unexpected(pem.error());
    auto key = rc::PublicKey::FromPem(*pem);
    if (!key) return Fail(key.error().code, path + ": " + key.error().detail);
    keys.push_back(std::move(*key));
  }
  return keys;
}

// ---- keygen ---------------------------------------------------------------

int Keygen(const std::vector<std::string>& raw) {
  std::string problem;
  auto args = Parse(raw, {"--scheme", "--out"}, problem);
  if (!args) return Usage(problem);
  if (!args->words.empty() || !args->Has("--scheme") || !args->Has("--out")) {
    return Usage("keygen takes --scheme ed25519|sm2 and --out PREFIX");
  }
  const std::string scheme_name = args->One("--scheme");
  std::optional<rc::KeyScheme> scheme;
  if (scheme_name == "ed25519") scheme = rc::KeyScheme::kEd25519;
  if (scheme_name == "sm2" || scheme_name == "sm2-sm3") scheme = rc::KeyScheme::kSm2Sm3;
  if (!scheme) return Usage("--scheme takes ed25519 or sm2");
  const std::string prefix = args->One("--out");
  for (const char* suffix : {".key", ".pub"}) {
    if (fs::exists(prefix + suffix)) return Failure(prefix + suffix + " already exists", kExists);
  }
  auto key = rc::PrivateKey::Generate(*scheme);
  if (!key) return Failure(key.error());
  auto pem = key->Pem();
  if (!pem) return Failure(pem.error());
  if (auto written = WriteNewFile(prefix + ".key", *pem, 0600); !written) {
    return Failure(written.error(), written.error().reason == "exists" ? kExists : kFailure);
  }
  if (auto written = WriteNewFile(prefix + ".pub", key->Public().Pem(), 0644); !written) {
    return Failure(written.error(), written.error().reason == "exists" ? kExists : kFailure);
  }
  std::printf("%s %s\n", rc::ToString(*scheme), key->KeyId().c_str());
  return kOk;
}

// ---- sign -----------------------------------------------------------------

// "region=440300,group=hall-a,kiosk=K-1" or "all" into `target`.
bool AddTarget(const std::string& spec, rc::Targeting& target) {
  if (spec == "all") {
    target.regions.push_back("*");
    return true;
  }
  std::stringstream parts(spec);
  std::string part;
  while (std::getline(parts, part, ',')) {
    const auto equals = part.find('=');
    if (equals == std::string::npos || equals + 1 == part.size()) return false;
    const std::string kind = part.substr(0, equals);
    const std::string value = part.substr(equals + 1);
    if (kind == "region") {
      target.regions.push_back(value);
    } else if (kind == "group") {
      target.groups.push_back(value);
    } else if (kind == "kiosk") {
      target.kiosks.push_back(value);
    } else {
      return false;
    }
  }
  return true;
}

bool Excluded(const std::string& path, const std::vector<std::string>& excludes) {
  for (std::string exclude : excludes) {
    while (exclude.ends_with('/')) exclude.pop_back();
    if (path == exclude || path.starts_with(exclude + "/")) return true;
  }
  return false;
}

int Sign(const std::vector<std::string>& raw) {
  std::string problem;
  auto args =
      Parse(raw, {"--key", "--version", "--expires", "--target", "--exclude", "--out"}, problem);
  if (!args) return Usage(problem);
  if (args->words.size() != 1) return Usage("sign takes one DIR");
  for (const char* flag : {"--key", "--version", "--expires", "--target", "--out"}) {
    if (!args->Has(flag)) return Usage(std::string("sign needs ") + flag);
  }
  const fs::path dir = args->words[0];
  auto version = ParseCount(args->One("--version"), 1);
  if (!version) return Usage("--version takes an integer of at least 1");
  auto expires = rc::ParseIsoUtcOrDate(args->One("--expires"));
  if (!expires) return Usage("--expires takes YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ (UTC)");
  if (*expires <= Now()) return Usage("--expires is in the past");
  rc::TargetsSpec spec;
  spec.version = *version;
  spec.expires = *expires;
  for (const auto& target : args->All("--target")) {
    if (!AddTarget(target, spec.target)) {
      return Usage("--target takes region=R,group=G,kiosk=ID (any of them) or all");
    }
  }
  auto keys = LoadPrivateKeys(args->All("--key"));
  if (!keys) return Failure(keys.error());
  const fs::path out = args->One("--out");
  if (fs::exists(out)) return Failure(out.string() + " already exists", kExists);
  if (!fs::is_directory(dir)) return Failure(dir.string() + " is not a directory");

  // Every regular file under DIR, read once: hashed, then copied.
  std::map<std::string, std::string> files;
  std::error_code error;
  for (auto walk = fs::recursive_directory_iterator(dir, error);
       !error && walk != fs::recursive_directory_iterator(); walk.increment(error)) {
    const std::string path = fs::relative(walk->path(), dir).generic_string();
    if (Excluded(path, args->All("--exclude"))) {
      if (walk->is_directory()) walk.disable_recursion_pending();
      continue;
    }
    const auto status = walk->symlink_status();
    if (fs::is_directory(status)) continue;
    if (!fs::is_regular_file(status)) {
      return Failure(path + " is not a regular file (a link?): copy the files themselves");
    }
    if (!rc::IsSafeTargetPath(path)) return Failure("the name " + path + " cannot be signed");
    auto bytes = ReadFile(walk->path());
    if (!bytes) return Failure(bytes.error());
    if (bytes->find("PRIVATE KEY-----") != std::string::npos) {
      return Failure(path + " holds a private key; leave it out with --exclude", kPrivateKeyInDir);
    }
    spec.files[path] = {static_cast<std::int64_t>(bytes->size()), rc::Sha256Hex(*bytes)};
    files[path] = std::move(*bytes);
  }
  if (error) return Failure("cannot list " + dir.string() + ": " + error.message());
  if (files.empty()) return Failure(dir.string() + " has no file to sign");

  auto targets = rc::SignMetadata(rc::TargetsSigned(spec), *keys);
  if (!targets) return Failure(targets.error());
  fs::create_directories(out / "files", error);
  if (error) return Failure("cannot create " + out.string() + ": " + error.message());
  for (const auto& [path, bytes] : files) {
    const fs::path target = out / "files" / path;
    fs::create_directories(target.parent_path(), error);
    std::ofstream copy(target, std::ios::binary);
    if (error || !copy.write(bytes.data(), static_cast<std::streamsize>(bytes.size()))) {
      return Failure("cannot write " + target.string());
    }
  }
  if (auto written = WriteFileAtomic(out / "targets.json", *targets); !written) {
    return Failure(written.error());
  }
  std::int64_t total = 0;
  for (const auto& [path, file] : spec.files) total += file.length;
  std::printf("signed targets v%lld: %zu files, %lld bytes, expires %s, by %zu key(s)\n",
              static_cast<long long>(spec.version), files.size(), static_cast<long long>(total),
              rc::FormatIsoUtc(spec.expires).c_str(), keys->size());
  return kOk;
}

// ---- verify ---------------------------------------------------------------

int Verify(const std::vector<std::string>& raw, const std::string& config_dir) {
  std::string problem;
  auto args = Parse(
      raw, {"--root", "--current-version", "--region", "--kiosk-id", "--group", "--now"}, problem);
  if (!args) return Usage(problem);
  if (args->words.size() != 1) return Usage("verify takes one BUNDLE");
  const fs::path bundle = args->words[0];
  auto current = ParseCount(args->One("--current-version", "0"), 0);
  if (!current) return Usage("--current-version takes an integer of at least 0");
  std::int64_t now = Now();
  if (args->Has("--now")) {
    auto parsed = rc::ParseIsoUtcOrDate(args->One("--now"));
    if (!parsed) return Usage("--now takes YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ (UTC)");
    now = *parsed;
  }
  auto root_bytes = ReadFile(args->One("--root", config_dir + "/keys/root.json"));
  if (!root_bytes) return Failure(root_bytes.error());
  auto root = rc::LoadTrustedRoot(*root_bytes);
  if (!root) return Refusal(root.error());
  auto targets_bytes = ReadFile(bundle / "targets.json");
  if (!targets_bytes) return Failure(targets_bytes.error());
  auto targets = rc::VerifyTargets(*root, *targets_bytes, *current, now);
  if (!targets) return Refusal(targets.error());
  const bool check_targeting =
      args->Has("--region") || args->Has("--kiosk-id") || args->Has("--group");
  if (check_targeting) {
    rc::KioskIdentity identity{args->One("--kiosk-id"), args->One("--region"),
                               args->All("--group")};
    if (auto targeted = rc::CheckTargeted(*targets, identity); !targeted) {
      return Refusal(targeted.error());
    }
  }
  if (auto files = rc::VerifyDirectory(*targets, bundle / "files"); !files) {
    return Refusal(files.error());
  }
  std::int64_t total = 0;
  for (const auto& [path, file] : targets->files) total += file.length;
  std::printf("ok: targets v%lld, expires %s, %zu files, %lld bytes, root v%lld\n",
              static_cast<long long>(targets->version), rc::FormatIsoUtc(targets->expires).c_str(),
              targets->files.size(), static_cast<long long>(total),
              static_cast<long long>(root->version));
  std::printf("for regions %s, groups %s, kiosks %s%s\n", Joined(targets->target.regions).c_str(),
              Joined(targets->target.groups).c_str(), Joined(targets->target.kiosks).c_str(),
              check_targeting ? "" : " (targeting not checked)");
  return kOk;
}

// ---- root -----------------------------------------------------------------

int Root(const std::vector<std::string>& raw) {
  std::string problem;
  auto args = Parse(raw,
                    {"--root-key", "--root-threshold", "--targets-key", "--targets-threshold",
                     "--version", "--expires", "--sign-with", "--previous", "--out"},
                    problem);
  if (!args) return Usage(problem);
  if (!args->words.empty()) return Usage("root takes no word " + args->words[0]);
  for (const char* flag :
       {"--root-key", "--targets-key", "--version", "--expires", "--sign-with", "--out"}) {
    if (!args->Has(flag)) return Usage(std::string("root needs ") + flag);
  }
  auto version = ParseCount(args->One("--version"), 1);
  auto root_threshold = ParseCount(args->One("--root-threshold", "1"), 1);
  auto targets_threshold = ParseCount(args->One("--targets-threshold", "1"), 1);
  if (!version || !root_threshold || !targets_threshold) {
    return Usage("--version and the thresholds take integers of at least 1");
  }
  auto expires = rc::ParseIsoUtcOrDate(args->One("--expires"));
  if (!expires) return Usage("--expires takes YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ (UTC)");
  auto root_keys = LoadPublicKeys(args->All("--root-key"));
  if (!root_keys) return Failure(root_keys.error());
  auto targets_keys = LoadPublicKeys(args->All("--targets-key"));
  if (!targets_keys) return Failure(targets_keys.error());
  auto signers = LoadPrivateKeys(args->All("--sign-with"));
  if (!signers) return Failure(signers.error());
  const fs::path out = args->One("--out");
  if (fs::exists(out)) return Failure(out.string() + " already exists", kExists);

  rc::RootSpec spec;
  spec.version = *version;
  spec.expires = *expires;
  spec.root_keys = std::move(*root_keys);
  spec.root_threshold = static_cast<int>(*root_threshold);
  spec.targets_keys = std::move(*targets_keys);
  spec.targets_threshold = static_cast<int>(*targets_threshold);
  auto text = rc::SignMetadata(rc::RootSigned(spec), *signers);
  if (!text) return Failure(text.error());
  // What a kiosk will check, checked before anything is written.
  if (args->Has("--previous")) {
    auto previous_bytes = ReadFile(args->One("--previous"));
    if (!previous_bytes) return Failure(previous_bytes.error());
    auto previous = rc::LoadTrustedRoot(*previous_bytes);
    if (!previous) return Refusal(previous.error());
    if (auto rotated = rc::UpdateRoot(*previous, *text); !rotated) {
      return Refusal(rotated.error());
    }
  } else {
    if (spec.version != 1) return Usage("a root other than version 1 needs --previous");
    if (auto loaded = rc::LoadTrustedRoot(*text); !loaded) return Refusal(loaded.error());
  }
  if (auto written = WriteFileAtomic(out, *text); !written) return Failure(written.error());
  std::printf("root v%lld: %zu root key(s), threshold %d; %zu targets key(s), threshold %d\n",
              static_cast<long long>(spec.version), spec.root_keys.size(), spec.root_threshold,
              spec.targets_keys.size(), spec.targets_threshold);
  return kOk;
}

// ---- publish --------------------------------------------------------------

// The versions of DIR/root/<N>.root.json, in order.
std::map<std::int64_t, fs::path> RepositoryRoots(const fs::path& repo) {
  std::map<std::int64_t, fs::path> roots;
  std::error_code error;
  for (const auto& entry : fs::directory_iterator(repo / "root", error)) {
    const std::string name = entry.path().filename().string();
    if (!name.ends_with(".root.json")) continue;
    auto version = ParseCount(name.substr(0, name.size() - 10), 1);
    if (version) roots[*version] = entry.path();
  }
  return roots;
}

int Publish(const std::vector<std::string>& raw) {
  std::string problem;
  auto args = Parse(raw, {"--repo", "--root"}, problem);
  if (!args) return Usage(problem);
  if (args->words.size() != 1 || !args->Has("--repo")) {
    return Usage("publish takes BUNDLE and --repo DIR");
  }
  const fs::path bundle = args->words[0];
  const fs::path repo = args->One("--repo");
  std::error_code error;
  fs::create_directories(repo / "root", error);
  fs::create_directories(repo / "files", error);
  if (error) return Failure("cannot create " + repo.string() + ": " + error.message());

  // The roots the repository has, and the new ones (a version already there
  // must be the same file); nothing is written until the whole chain, from
  // root 1 as a kiosk shipped with it would follow it, and the bundle
  // verify.
  std::map<std::int64_t, std::string> roots;
  for (const auto& [version, path] : RepositoryRoots(repo)) {
    auto bytes = ReadFile(path);
    if (!bytes) return Failure(bytes.error());
    roots[version] = std::move(*bytes);
  }
  std::vector<std::pair<fs::path, std::string>> new_roots;
  for (const auto& path : args->All("--root")) {
    auto bytes = ReadFile(path);
    if (!bytes) return Failure(bytes.error());
    auto parsed = rc::ParseRoot(*bytes);
    if (!parsed) return Refusal(parsed.error());
    auto existing = roots.find(parsed->version);
    if (existing != roots.end()) {
      if (existing->second != *bytes) {
        return Failure(
            "root v" + std::to_string(parsed->version) + " is in the repository with other content",
            kExists);
      }
      continue;
    }
    roots[parsed->version] = *bytes;
    new_roots.emplace_back(repo / "root" / (std::to_string(parsed->version) + ".root.json"),
                           std::move(*bytes));
  }
  if (roots.empty()) return Usage("the repository has no root yet: give --root ROOTFILE");
  if (roots.begin()->first != 1) return Failure("the repository's roots do not start at 1");
  auto root = rc::LoadTrustedRoot(roots.begin()->second);
  if (!root) return Refusal(root.error());
  std::vector<std::string> newer;
  for (auto it = std::next(roots.begin()); it != roots.end(); ++it) newer.push_back(it->second);
  auto latest_root = rc::UpdateRootChain(*root, newer, Now());
  if (!latest_root) return Refusal(latest_root.error());

  // Above what the repository serves: a kiosk would refuse anything else.
  std::int64_t served = 0;
  if (fs::exists(repo / "targets.json")) {
    auto bytes = ReadFile(repo / "targets.json");
    if (!bytes) return Failure(bytes.error());
    auto parsed = rc::ParseTargets(*bytes);
    if (parsed) served = parsed->version;
  }
  auto targets_bytes = ReadFile(bundle / "targets.json");
  if (!targets_bytes) return Failure(targets_bytes.error());
  auto targets = rc::VerifyTargets(*latest_root, *targets_bytes, served, Now());
  if (!targets) return Refusal(targets.error());
  if (auto files = rc::VerifyDirectory(*targets, bundle / "files"); !files) {
    return Refusal(files.error());
  }

  for (const auto& [path, bytes] : new_roots) {
    if (auto written = WriteFileAtomic(path, bytes); !written) return Failure(written.error());
  }
  // Content-addressed files first: a CDN or a kiosk fetching an older
  // targets.json still finds its own files, never a newer one's.
  std::size_t added = 0;
  for (const auto& [path, file] : targets->files) {
    const fs::path target = repo / "files" / file.sha256;
    if (fs::exists(target)) {
      auto existing = ReadFile(target);
      if (existing && rc::Sha256Hex(*existing) == file.sha256) continue;
    }
    auto bytes = ReadFile(bundle / "files" / path);
    if (!bytes) return Failure(bytes.error());
    if (auto written = WriteFileAtomic(target, *bytes); !written) return Failure(written.error());
    ++added;
  }
  const std::string versioned = std::to_string(targets->version) + ".targets.json";
  if (auto written = WriteFileAtomic(repo / versioned, *targets_bytes); !written) {
    return Failure(written.error());
  }
  if (auto written = WriteFileAtomic(repo / "targets.json", *targets_bytes); !written) {
    return Failure(written.error());
  }
  std::printf("published targets v%lld (%zu files, %zu new) under root v%lld to %s\n",
              static_cast<long long>(targets->version), targets->files.size(), added,
              static_cast<long long>(latest_root->version), repo.string().c_str());
  return kOk;
}

}  // namespace

int ConfigBundleCommand(const std::vector<std::string>& args, const std::string& config_dir) {
  if (args.empty()) return Usage("config needs a subcommand");
  const std::string& sub = args[0];
  const std::vector<std::string> rest(args.begin() + 1, args.end());
  if (sub == "keygen") return Keygen(rest);
  if (sub == "sign") return Sign(rest);
  if (sub == "verify") return Verify(rest, config_dir);
  if (sub == "root") return Root(rest);
  if (sub == "publish") return Publish(rest);
  return Usage("unknown config subcommand " + sub);
}

}  // namespace kiosk::ctl
