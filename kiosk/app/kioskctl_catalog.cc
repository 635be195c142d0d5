#include "kiosk/app/kioskctl_catalog.h"

#include <cstdio>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <optional>

#include "kiosk/core/catalog/catalog.h"
#include "kiosk/core/catalog/catalog_search.h"

namespace kiosk::ctl {
namespace {

namespace fs = std::filesystem;

struct CatalogOptions {
  std::string dir;  // The catalog folder.
  std::string pinyin_table;
  std::string region;
  std::string category;
  bool json = false;
  std::size_t limit = 20;
  std::vector<std::string> positional;
};

std::optional<CatalogOptions> ParseOptions(const std::vector<std::string>& args,
                                           const std::string& config_dir) {
  CatalogOptions options;
  options.dir = (fs::path(config_dir) / "catalog").string();
  options.pinyin_table = (fs::path(config_dir) / "search" / "hanzi_pinyin.txt").string();
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    const bool has_value = i + 1 < args.size();
    if (arg == "--dir" && has_value) {
      options.dir = args[++i];
    } else if (arg == "--region" && has_value) {
      options.region = args[++i];
    } else if (arg == "--category" && has_value) {
      options.category = args[++i];
    } else if (arg == "--pinyin" && has_value) {
      options.pinyin_table = args[++i];
    } else if (arg == "--limit" && has_value) {
      try {
        options.limit = std::stoul(args[++i]);
      } catch (const std::exception&) {
        std::fprintf(stderr, "kioskctl: --limit takes a number\n");
        return std::nullopt;
      }
    } else if (arg == "--json") {
      options.json = true;
    } else if (arg.starts_with("--")) {
      std::fprintf(stderr, "kioskctl: unknown option %s\n", arg.c_str());
      return std::nullopt;
    } else {
      options.positional.push_back(arg);
    }
  }
  return options;
}

std::string Join(const std::vector<std::string>& values, const char* separator) {
  std::string joined;
  for (const auto& value : values) joined += (joined.empty() ? "" : separator) + value;
  return joined;
}

std::optional<Catalog> LoadOrReport(const std::string& dir) {
  auto catalog = Catalog::Load(dir);
  if (!catalog) {
    std::fprintf(stderr, "kioskctl: %s\n", catalog.error().Describe().c_str());
    return std::nullopt;
  }
  return std::move(*catalog);
}

nlohmann::json ItemJson(const ServiceItem& item) {
  return {{"id", item.id},
          {"name_zh", item.name_zh},
          {"name_en", item.name_en},
          {"category", item.category},
          {"department", item.department},
          {"regions", item.regions},
          {"identification", item.identification},
          {"usage_weight", item.usage_weight}};
}

int List(const CatalogOptions& options) {
  auto catalog = LoadOrReport(options.dir);
  if (!catalog) return 1;
  if (!options.category.empty() && catalog->FindCategory(options.category) == nullptr) {
    std::fprintf(stderr, "kioskctl: unknown category %s\n", options.category.c_str());
    return 2;
  }
  nlohmann::json listed = nlohmann::json::array();
  std::size_t count = 0;
  for (const ServiceItem& item : catalog->Items()) {
    if (!options.category.empty() && item.category != options.category) continue;
    if (!options.region.empty() &&
        std::find(item.regions.begin(), item.regions.end(), options.region) == item.regions.end()) {
      continue;
    }
    ++count;
    if (options.json) {
      listed.push_back(ItemJson(item));
    } else {
      std::printf("%-44s %-18s %s  [%s]\n", item.id.c_str(), item.category.c_str(),
                  item.name_zh.c_str(), Join(item.regions, ",").c_str());
    }
  }
  if (options.json) {
    std::printf("%s\n", listed.dump(2).c_str());
  } else {
    std::printf("%zu item(s), catalog version %s\n", count, catalog->Version().c_str());
  }
  return 0;
}

int Search(const CatalogOptions& options) {
  if (options.positional.size() != 1) {
    std::fprintf(stderr, "kioskctl: catalog search takes one QUERY (quote it if it has spaces)\n");
    return 2;
  }
  auto catalog = LoadOrReport(options.dir);
  if (!catalog) return 1;
  auto index = CatalogSearch::Create(*catalog, options.pinyin_table);
  if (!index) {
    std::fprintf(stderr, "kioskctl: %s\n", index.error().Describe().c_str());
    return 1;
  }
  const auto hits = index->Search(options.positional[0], options.limit);
  nlohmann::json listed = nlohmann::json::array();
  int rank = 0;
  for (const auto& hit : hits) {
    ++rank;
    if (options.json) {
      nlohmann::json entry = ItemJson(*hit.item);
      entry["rank"] = rank;
      entry["match"] = search::ToString(hit.hit.kind);
      entry["matched_field"] = search::ToString(hit.hit.field);
      listed.push_back(entry);
    } else if (hit.hit.kind == search::MatchKind::kMostUsed) {
      std::printf("%2d. %s  (%s, most used)\n", rank, hit.item->name_zh.c_str(),
                  hit.item->id.c_str());
    } else {
      std::printf("%2d. %s  (%s, %s in %s)\n", rank, hit.item->name_zh.c_str(),
                  hit.item->id.c_str(), search::ToString(hit.hit.kind),
                  search::ToString(hit.hit.field));
    }
  }
  if (options.json) std::printf("%s\n", listed.dump(2).c_str());
  if (!options.json && hits.empty()) std::printf("no items match\n");
  return 0;
}

}  // namespace

int CatalogValidate(const std::string& dir) {
  std::vector<CatalogProblem> problems;
  auto catalog = Catalog::Load(dir, &problems);
  if (catalog) {
    std::printf("catalog %s (version %s): %zu items in %zu categories, no problems\n", dir.c_str(),
                catalog->Version().c_str(), catalog->Items().size(), catalog->Categories().size());
    return 0;
  }
  for (const auto& problem : problems) std::printf("%s\n", problem.Describe().c_str());
  std::printf("%zu problem(s)\n", problems.size());
  return 1;
}

int CatalogCommand(const std::vector<std::string>& args, const std::string& config_dir) {
  if (args.empty()) {
    std::fprintf(stderr, "kioskctl: catalog takes validate, list or search\n");
    return 2;
  }
  auto options = ParseOptions({args.begin() + 1, args.end()}, config_dir);
  if (!options) return 2;
  if (args[0] == "validate") {
    if (options->positional.size() > 1) {
      std::fprintf(stderr, "kioskctl: catalog validate takes one DIR\n");
      return 2;
    }
    return CatalogValidate(options->positional.empty() ? options->dir : options->positional[0]);
  }
  if (args[0] == "list") return List(*options);
  if (args[0] == "search") return Search(*options);
  std::fprintf(stderr, "kioskctl: unknown catalog command %s\n", args[0].c_str());
  return 2;
}

}  // namespace kiosk::ctl
