#include "central/citizen_directory.h"

#include <filesystem>
#include <utility>

#include "central/seed_loader.h"

namespace kiosk::central {

CitizenDirectory::CitizenDirectory(std::map<std::string, std::string> region_names,
                                   std::vector<Citizen> citizens)
    : region_names_(std::move(region_names)), citizens_(std::move(citizens)) {}

Result<CitizenDirectory> CitizenDirectory::Load(const std::string& path) {
  auto directory = LoadSeedFile(path);
  if (!directory) return directory;
  auto queries =
      QuerySeeds::LoadDirectory((std::filesystem::path(path).parent_path() / "queries").string());
  if (!queries) return std::unexpected(queries.error());
  directory->SetQueries(std::move(*queries));
  return directory;
}

std::optional<std::string> CitizenDirectory::RegionName(const std::string& region) const {
  auto found = region_names_.find(region);
  if (found == region_names_.end()) return std::nullopt;
  return found->second;
}

const Citizen* CitizenDirectory::FindBySsn(const std::string& ssn) const {
  // A handful of test people: a linear search is the simplest correct thing.
  for (const Citizen& citizen : citizens_) {
    if (citizen.ssn == ssn) return &citizen;
  }
  return nullptr;
}

const Citizen* CitizenDirectory::FindByPhoneToken(const std::string& token) const {
  for (const Citizen& citizen : citizens_) {
    for (const std::string& known : citizen.phone_tokens) {
      if (known == token) return &citizen;
    }
  }
  return nullptr;
}

}  // namespace kiosk::central
