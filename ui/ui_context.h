#pragma once

// What every screen draws from and acts on. Screens read the session's
// view and call its intents; they keep no citizen data of their own.

#include <imgui.h>

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "drivers/printer/receipt_printer.h"
#include "kiosk/core/catalog/catalog.h"
#include "kiosk/core/catalog/catalog_search.h"
#include "kiosk/core/config/kiosk_config.h"
#include "kiosk/core/config/text_table.h"
#include "kiosk/core/input/keyboard_model.h"
#include "kiosk/core/session/session.h"
#include "kiosk/core/sync/network_monitor.h"
#include "ui/fonts.h"
#include "ui/state/ui_state.h"

namespace kiosk::admin {
class AdminConsole;
}

namespace kiosk::ui {

struct AdminUiState;

// Where each named button was drawn last frame, so a replay script can tap
// "guide.start" instead of guessing coordinates.
class ButtonRegistry {
 public:
  void Clear() { rects_.clear(); }
  void Add(const std::string& id, ImVec2 min, ImVec2 max) { rects_[id] = {min, max}; }
  std::optional<ImVec2> Center(const std::string& id) const;
  std::vector<std::string> Names() const;

 private:
  struct Rect {
    ImVec2 min;
    ImVec2 max;
  };
  std::map<std::string, Rect> rects_;
};

// The language a tap on the home screen's language button switches to.
struct LanguageChoice {
  std::string tag;    // "en-US"
  std::string label;  // In that language: "English"
};

struct UiContext {
  const SessionView& view;
  Session& session;
  const TextTable& texts;
  const KioskConfig& config;
  const Catalog& catalog;
  CatalogSearch& search;  // The items this kiosk offers; counts uses.
  UiState& state;         // Home navigation, form buffers: see ui/state/.
  const Fonts& fonts;
  ButtonRegistry& buttons;
  devices::PrinterStatus printer;
  NetworkState network = NetworkState::kUnknown;
  std::string clock_text;  // "2026-11-23 14:05"
  ImVec2 screen_size;
  std::optional<LanguageChoice> other_language;  // None with one language.
  input::KeyboardModel* keyboard = nullptr;      // None: a USB keyboard only.
  bool english = false;  // The citizen chose English: the catalog's English names.
  // Admin mode (maintenance staff); null in tools and tests without it.
  admin::AdminConsole* admin = nullptr;
  AdminUiState* admin_ui = nullptr;
  // Staff took the terminal out of service: citizens see 暂停服务 and
  // where else to go.
  bool out_of_service = false;
  std::string nearest_alternative;
};

}  // namespace kiosk::ui
