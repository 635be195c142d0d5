#include "central/query_seeds.h"

#include <filesystem>
#include <fstream>

namespace kiosk::central {
namespace {

namespace fs = std::filesystem;

Result<QuerySeed> LoadSeed(const fs::path& path) {
  std::ifstream in(path);
  const nlohmann::json document = nlohmann::json::parse(in, nullptr, /*allow_exceptions=*/false);
  const std::string where = path.string();
  if (document.is_discarded() || !document.is_object()) {
    return Fail(ErrorCode::kInvalidData, where + ": not a JSON object");
  }
  if (document.value("format_version", 0) != 1) {
    return Fail(ErrorCode::kInvalidData, where + ": format_version must be 1");
  }
  QuerySeed seed;
  seed.name = document.value("query", "");
  if (seed.name != path.stem().string()) {
    return Fail(ErrorCode::kInvalidData, where + ": \"query\" must be the file's name");
  }
  seed.key = document.value("key", "");
  if (seed.key != "ssn" && seed.key != "credit_code") {
    return Fail(ErrorCode::kInvalidData, where + ": \"key\" must be ssn or credit_code");
  }
  auto records = document.find("records");
  if (records == document.end() || !records->is_object()) {
    return Fail(ErrorCode::kInvalidData, where + ": \"records\" must be an object");
  }
  for (const auto& [subject, record] : records->items()) {
    if (!record.is_object()) {
      return Fail(ErrorCode::kInvalidData, where + ": record " + subject + " is not an object");
    }
    seed.records.emplace(subject, record);
  }
  return seed;
}

}  // namespace

Result<QuerySeeds> QuerySeeds::LoadDirectory(const std::string& dir) {
  QuerySeeds seeds;
  std::error_code error;
  if (!fs::exists(dir, error)) return seeds;
  for (const auto& entry : fs::directory_iterator(dir, error)) {
    if (entry.path().extension() != ".json") continue;
    auto seed = LoadSeed(entry.path());
    if (!seed) return std::unexpected(seed.error());
    seeds.seeds_.emplace(seed->name, std::move(*seed));
  }
  if (error) return Fail(ErrorCode::kIo, dir + ": " + error.message());
  return seeds;
}

const QuerySeed* QuerySeeds::Find(const std::string& query) const {
  auto found = seeds_.find(query);
  return found == seeds_.end() ? nullptr : &found->second;
}

}  // namespace kiosk::central
