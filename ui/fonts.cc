#include "ui/fonts.h"

#include <backends/imgui_impl_opengl3.h>
#include <imgui_freetype.h>
#include <imgui_internal.h>

#include <filesystem>
#include <fstream>

#include "common/log.h"

namespace kiosk::ui {

std::string DefaultCjkFontFile() {
  for (const char* candidate : {"/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
                                "/usr/share/fonts/opentype/noto/NotoSansCJKsc-Regular.otf"}) {
    if (std::filesystem::exists(candidate)) return candidate;
  }
  return "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc";
}

namespace {

// A character the font lacks shows as an empty box, never as '?' (which a
// citizen could read as part of a name); it is logged where it is met.
void UseBoxAsFallback(ImFont* font) {
  constexpr ImWchar kBox = 0x25A1;  // □
  const ImFontGlyph* box = font->FindGlyphNoFallback(kBox);
  if (box == nullptr) return;
  const float old_advance = font->FallbackAdvanceX;
  font->FallbackChar = kBox;
  font->FallbackGlyph = box;
  font->FallbackAdvanceX = box->AdvanceX;
  for (int c = 0; c < font->IndexLookup.Size; ++c) {
    if (font->IndexLookup[c] == static_cast<ImWchar>(-1) && font->IndexAdvanceX[c] == old_advance) {
      font->IndexAdvanceX[c] = box->AdvanceX;
    }
  }
}

}  // namespace

std::string LoadCommonCharacters(const std::string& path) {
  std::ifstream in(path);
  if (!in) {
    log::Warning("ui", "cannot read {}: names outside ImGui's common set need a rebuild per name",
                 path);
    return {};
  }
  std::string characters;
  for (std::string line; std::getline(in, line);) {
    if (line.empty() || line[0] == '#') continue;
    characters += line;
  }
  return characters;
}

FontLibrary::FontLibrary(std::string font_file, int face_index, FontSizes sizes,
                         std::vector<std::string> texts, std::string common_characters)
    : font_file_(std::move(font_file)),
      face_index_(face_index),
      sizes_(sizes),
      texts_(std::move(texts)),
      common_characters_(std::move(common_characters)) {}

Fonts FontLibrary::For(bool elder) const {
  if (!elder) return fonts_;
  Fonts fonts = fonts_;
  fonts.body = fonts_.elder_body;
  fonts.title = fonts_.elder_title;
  fonts.small = fonts_.body;
  return fonts;
}

FontLibrary::~FontLibrary() {
  if (baker_.joinable()) baker_.join();
  // The context may still point at our atlas; it is destroyed before us by
  // the window, which owns the context (see KioskWindow::~KioskWindow).
}

std::unique_ptr<ImFontAtlas> FontLibrary::MakeAtlas(bool full, Fonts* fonts) const {
  auto atlas = std::make_unique<ImFontAtlas>();
  atlas->FontBuilderIO = ImGuiFreeType::GetBuilderForFreeType();
  // A smaller texture: our glyph count is known and the GPU is weak.
  atlas->Flags |= ImFontAtlasFlags_NoMouseCursors;

  ImFontGlyphRangesBuilder data_glyphs;
  data_glyphs.AddRanges(atlas->GetGlyphRangesDefault());
  for (const auto& text : texts_) data_glyphs.AddText(text.c_str());
  data_glyphs.AddText("…·—“”‘’（）：；，。、？！《》【】￥％·×□");
  {
    std::lock_guard lock(extra_mutex_);
    data_glyphs.AddText(extra_glyphs_.c_str());
  }
  ImVector<ImWchar> data_ranges;
  data_glyphs.BuildRanges(&data_ranges);

  ImVector<ImWchar> body_ranges;
  if (full) {
    ImFontGlyphRangesBuilder all;
    all.AddRanges(data_ranges.Data);
    all.AddRanges(atlas->GetGlyphRangesChineseSimplifiedCommon());
    all.AddText(common_characters_.c_str());
    all.BuildRanges(&body_ranges);
  } else {
    body_ranges = data_ranges;
  }

  ImFontConfig config;
  config.FontNo = face_index_;
  config.OversampleH = 1;  // FreeType hinting makes oversampling unnecessary.
  config.OversampleV = 1;
  config.PixelSnapH = true;
  // The atlas copies the ranges only by pointer; keep them alive until Build.
  fonts->body =
      atlas->AddFontFromFileTTF(font_file_.c_str(), sizes_.body, &config, body_ranges.Data);
  fonts->title =
      atlas->AddFontFromFileTTF(font_file_.c_str(), sizes_.title, &config, data_ranges.Data);
  fonts->small =
      atlas->AddFontFromFileTTF(font_file_.c_str(), sizes_.small, &config, data_ranges.Data);
  fonts->number = atlas->AddFontFromFileTTF(font_file_.c_str(), sizes_.number, &config,
                                            atlas->GetGlyphRangesDefault());
  fonts->elder_body =
      atlas->AddFontFromFileTTF(font_file_.c_str(), sizes_.elder_body, &config, body_ranges.Data);
  fonts->elder_title =
      atlas->AddFontFromFileTTF(font_file_.c_str(), sizes_.elder_title, &config, data_ranges.Data);
  if (fonts->body == nullptr || fonts->title == nullptr || fonts->small == nullptr ||
      fonts->number == nullptr || fonts->elder_body == nullptr || fonts->elder_title == nullptr ||
      !atlas->Build()) {
    return nullptr;
  }
  for (ImFont* font : {fonts->body, fonts->title, fonts->small, fonts->number, fonts->elder_body,
                       fonts->elder_title}) {
    UseBoxAsFallback(font);
  }
  return atlas;
}

void FontLibrary::Install(std::unique_ptr<ImFontAtlas> atlas, const Fonts& fonts) {
  fonts_ = fonts;
  installed_ = std::move(atlas);
  if (ImGui::GetCurrentContext() != nullptr) ApplyToContext();
}

void FontLibrary::ApplyToContext() {
  ImGuiIO& io = ImGui::GetIO();
  io.Fonts = installed_.get();
  io.FontDefault = fonts_.body;
}

bool FontLibrary::BuildInitialAtlas() {
  if (!std::filesystem::exists(font_file_)) {
    log::Error("ui", "font file {} is missing (Debian package fonts-noto-cjk)", font_file_);
    return false;
  }
  Fonts fonts;
  auto atlas = MakeAtlas(/*full=*/false, &fonts);
  if (!atlas) {
    log::Error("ui", "cannot build a font atlas from {}", font_file_);
    return false;
  }
  Install(std::move(atlas), fonts);
  ReportMissingGlyphs();
  return true;
}

void FontLibrary::ReportMissingGlyphs() const {
  std::string missing;
  for (const auto& text : texts_) {
    const char* at = text.c_str();
    const char* end = at + text.size();
    while (at < end) {
      unsigned int c = 0;
      const int length = ImTextCharFromUtf8(&c, at, end);
      if (length <= 0) break;
      const auto glyph = static_cast<ImWchar>(c);
      const bool baked = c > 0xFFFF || (fonts_.body->FindGlyphNoFallback(glyph) != nullptr &&
                                        fonts_.title->FindGlyphNoFallback(glyph) != nullptr &&
                                        fonts_.small->FindGlyphNoFallback(glyph) != nullptr);
      const std::string character(at, static_cast<std::size_t>(length));
      if (!baked && c >= 0x20 && missing.find(character) == std::string::npos) {
        missing += character;
      }
      at += length;
    }
  }
  if (!missing.empty()) log::Warning("ui", "the font has no glyph for: {}", missing);
}

void FontLibrary::StartFullAtlas() {
  baker_ = std::thread([this] {
    auto started = std::chrono::steady_clock::now();
    full_ = MakeAtlas(/*full=*/true, &full_fonts_);
    auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                  std::chrono::steady_clock::now() - started)
                  .count();
    if (full_) {
      log::Info("ui", "full font atlas baked in {} ms ({}x{} px)", ms, full_->TexWidth,
                full_->TexHeight);
    } else {
      log::Error("ui", "full font atlas failed; names outside the data set will not render");
    }
    full_ready_ = true;
  });
}

bool FontLibrary::EnsureGlyphs(const std::vector<const std::string*>& texts) {
  if (fonts_.body == nullptr) return false;
  std::string missing;
  for (const std::string* text : texts) {
    const char* at = text->c_str();
    const char* end = at + text->size();
    while (at < end) {
      unsigned int c = 0;
      const int length = ImTextCharFromUtf8(&c, at, end);
      if (length <= 0) break;
      if (c >= 0x80 && c <= 0xFFFF &&
          (fonts_.body->FindGlyphNoFallback(static_cast<ImWchar>(c)) == nullptr ||
           fonts_.elder_body->FindGlyphNoFallback(static_cast<ImWchar>(c)) == nullptr)) {
        missing.append(at, static_cast<std::size_t>(length));
      }
      at += length;
    }
  }
  if (missing.empty()) return false;
  {
    std::lock_guard lock(extra_mutex_);
    extra_glyphs_ += missing;
  }
  Fonts fonts;
  auto atlas = MakeAtlas(/*full=*/full_installed_, &fonts);
  if (!atlas) return false;
  ImGui_ImplOpenGL3_DestroyFontsTexture();
  Install(std::move(atlas), fonts);
  ImGui_ImplOpenGL3_CreateFontsTexture();
  // Only counts: the characters may be a citizen's name.
  int absent = 0;
  for (const char* at = missing.c_str(); *at != '\0';) {
    unsigned int c = 0;
    const int length = ImTextCharFromUtf8(&c, at, nullptr);
    if (length <= 0) break;
    if (fonts_.body->FindGlyphNoFallback(static_cast<ImWchar>(c)) == nullptr) ++absent;
    at += length;
  }
  log::Info("ui", "font atlas rebuilt for {} more character(s)", missing.size() / 3);
  if (absent > 0) {
    log::Warning("ui", "the font has no glyph for {} character(s) on screen: shown as □", absent);
  }
  return true;
}

bool FontLibrary::InstallFullAtlasIfReady() {
  if (full_installed_ || !full_ready_) return false;
  baker_.join();
  full_installed_ = true;
  if (!full_) return false;
  ImGui_ImplOpenGL3_DestroyFontsTexture();
  Install(std::move(full_), full_fonts_);
  ImGui_ImplOpenGL3_CreateFontsTexture();
  return true;
}

}  // namespace kiosk::ui
