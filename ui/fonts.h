#pragma once

// Chinese fonts for Dear ImGui 1.86, which has no dynamic atlas: every
// glyph must be baked before use. Baking the ~7,000 characters a citizen's
// name or address may need takes most of a second, so the kiosk starts
// with an atlas of exactly the characters its data uses (texts, catalog,
// region names) and bakes the full common set on a background thread,
// swapping it in between frames when ready.

#include <imgui.h>

#include <atomic>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace kiosk::ui {

struct FontSizes {
  float body = 36.0f;
  float title = 54.0f;
  float small = 26.0f;
  float number = 84.0f;  // Acceptance numbers: Latin letters and digits only.
  // 长辈模式: body text well above 30 px at 1080p; its small text is the
  // standard body.
  float elder_body = 46.0f;
  float elder_title = 66.0f;
};

struct Fonts {
  ImFont* body = nullptr;
  ImFont* title = nullptr;
  ImFont* small = nullptr;
  ImFont* number = nullptr;
  ImFont* elder_body = nullptr;
  ImFont* elder_title = nullptr;
};

class FontLibrary {
 public:
  // `texts` are every string the UI may show from its data;
  // `common_characters` the common set the full atlas adds for names and
  // addresses (firmware_config/ui/common_hanzi.txt: 通用规范汉字表 level 1).
  FontLibrary(std::string font_file, int face_index, FontSizes sizes,
              std::vector<std::string> texts, std::string common_characters);
  ~FontLibrary();

  // Builds the small atlas on the calling thread (no ImGui context needed);
  // false when the font file cannot be used. Create the context with
  // Atlas(), then call ApplyToContext().
  bool BuildInitialAtlas();
  ImFontAtlas* Atlas() const { return installed_.get(); }
  void ApplyToContext();
  // Starts baking the full atlas in the background.
  void StartFullAtlas();
  // On the UI thread, between frames: installs the full atlas when it is
  // ready (re-uploads the GL texture). True when it swapped.
  bool InstallFullAtlasIfReady();

  // On the UI thread, between frames: makes sure every character of
  // `texts` (a citizen's name, an employer) is baked, rebuilding the atlas
  // with the missing ones when needed. Rare characters outside the common
  // set (e.g. 䶮 in a name) still render. True when it rebuilt.
  bool EnsureGlyphs(const std::vector<const std::string*>& texts);

  const Fonts& Get() const { return fonts_; }
  // The fonts a frame draws with: 长辈模式's larger ones in the same slots.
  Fonts For(bool elder) const;
  bool HasFullAtlas() const { return full_installed_; }

 private:
  std::unique_ptr<ImFontAtlas> MakeAtlas(bool full, Fonts* fonts) const;
  // Logs characters of the data texts that no face could bake (the font
  // file lacks them): they would show as '?' boxes.
  void ReportMissingGlyphs() const;
  void Install(std::unique_ptr<ImFontAtlas> atlas, const Fonts& fonts);

  std::string font_file_;
  int face_index_;
  FontSizes sizes_;
  std::vector<std::string> texts_;
  std::string common_characters_;
  std::string extra_glyphs_;  // Characters added by EnsureGlyphs, as UTF-8.
  mutable std::mutex extra_mutex_;
  std::unique_ptr<ImFontAtlas> installed_;
  std::unique_ptr<ImFontAtlas> full_;
  Fonts fonts_;
  Fonts full_fonts_;
  std::thread baker_;
  std::atomic<bool> full_ready_{false};
  bool full_installed_ = false;
};

// The characters of a common-set file ('#' lines are comments); empty,
// logged, when it cannot be read.
std::string LoadCommonCharacters(const std::string& path);

// The Noto Sans CJK file Debian ships (fonts-noto-cjk), and the index of
// its Simplified Chinese face inside the collection.
std::string DefaultCjkFontFile();
constexpr int kNotoSansCjkScFaceIndex = 2;

}  // namespace kiosk::ui
