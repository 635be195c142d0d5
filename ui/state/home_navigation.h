#pragma once

// Where the citizen is on the home screen: the search box and which list
// is open. UI-only and never citizen data in itself, but a search says
// what someone came for, so it is reset when a session starts and when
// the home screen has been left alone (UiState::Follow).

#include <array>
#include <string>

namespace kiosk::ui {

struct HomeNavigation {
  enum class Page { kMain, kCategory, kCrossRegion, kHelp };

  Page page = Page::kMain;
  std::string category;               // kCategory: the category id.
  std::array<char, 256> search = {};  // The search box, NUL-terminated UTF-8.
  // What the lists last showed, so a new list starts scrolled to the top.
  std::string shown_list;

  bool IsDefault() const { return page == Page::kMain && search[0] == '\0'; }
  std::string SearchText() const { return std::string(search.data()); }
  void SetSearch(const std::string& text);
  // True (once) when `list` differs from the one shown before.
  bool ListChanged(const std::string& list);
  void Reset();
};

}  // namespace kiosk::ui
