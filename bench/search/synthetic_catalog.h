#pragma once

// A deterministic catalog of any size for the search benchmark, its titles
// composed from the vocabulary of government service halls so that pinyin
// initials and readings collide the way they do in a real catalog.

#include <cstddef>
#include <cstdint>
#include <vector>

#include "kiosk/core/search/search_document.h"

namespace kiosk::bench {

std::vector<search::SearchDocument> SyntheticCatalog(std::size_t count, std::uint32_t seed);

}  // namespace kiosk::bench
