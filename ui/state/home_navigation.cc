#include "ui/state/home_navigation.h"

#include <algorithm>

namespace kiosk::ui {

void HomeNavigation::SetSearch(const std::string& text) {
  search.fill('\0');
  std::copy_n(text.begin(), std::min(text.size(), search.size() - 1), search.begin());
}

bool HomeNavigation::ListChanged(const std::string& list) {
  if (list == shown_list) return false;
  shown_list = list;
  return true;
}

void HomeNavigation::Reset() {
  page = Page::kMain;
  category.clear();
  search.fill('\0');
  shown_list.clear();
}

}  // namespace kiosk::ui
