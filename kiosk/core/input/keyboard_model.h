#pragma once

// The on-screen keyboard's logic, without drawing: which keys a layout has,
// what a press does to the field's text, and the pinyin composition with its
// candidate bar. The UI draws Rows() and sends each touched key's id to
// Press(); the returned TextEdit is what it forwards to the focused
// ImGui::InputText (erase code points before the cursor, then type text), so
// the field sees exactly what a physical keyboard would have sent.
//
// The text is edited at its end only: the on-screen keyboard has no cursor
// keys, and the field is bound with its current text.
//
// Key ids: a character key's id is the text it types ("q", "7", "X", "-",
// "."); special keys are "backspace", "space", "shift_lang" (Chinese /
// English), "done", "page_prev", "page_next" and "candidate:<n>" (the n-th
// candidate of the current page).

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "common/error.h"
#include "kiosk/core/input/pinyin_engine.h"

namespace kiosk::input {

// Mirrors ui::KeyboardLayout (ui/state/text_entry.h), which the UI maps
// one to one; the core cannot include ui/.
enum class KeyboardLayout {
  kText,      // Full keyboard, pinyin by default.
  kDigits,    // Phone and bank card numbers: 0-9.
  kIdNumber,  // 居民身份证号码: 0-9, X only as the 18th character; 18 at most.
  kCode,      // 统一社会信用代码: 0-9 and A-Y without I O S V Z; 18 at most.
  kDate,      // 0-9 and '-': "1988-03-15"; 10 at most.
  kMoney,     // 0-9 and one '.', two decimals at most: "1234.50".
  kSearch,    // The full keyboard, its "done" key labelled as search.
};

const char* ToString(KeyboardLayout layout);

struct Key {
  std::string id;
  // For a character key, the character itself; for a special key, the UI
  // text table's key ("keyboard.backspace"), so the words stay in data.
  // A candidate key's label is the candidate.
  std::string label;
  bool label_is_text_key = false;
  float width = 1.0f;   // Relative to a letter key.
  bool enabled = true;  // A press of a disabled key is refused.
};

using KeyRow = std::vector<Key>;

// What to do to the field's text, at its end.
struct TextEdit {
  std::size_t erase = 0;  // Code points to delete before `insert`.
  std::string insert;     // UTF-8.

  bool Empty() const { return erase == 0 && insert.empty(); }
};

enum class PressOutcome {
  kEdited,       // `edit` was applied to Text().
  kComposing,    // The pinyin letters or the candidate page changed; no text edit.
  kModeChanged,  // Chinese <-> English; `edit` holds letters being composed, committed as typed.
  kRefused,      // Not allowed here (see `reason`); nothing changed.
  kNothing,      // Nothing to do (backspace on an empty field).
  kDone,         // The citizen finished; any composition was committed first (`edit`).
};

struct PressResult {
  PressOutcome outcome = PressOutcome::kNothing;
  TextEdit edit;
  // For kRefused, a UI text key: "keyboard.refused.max_length",
  // "keyboard.refused.x_position", "keyboard.refused.character",
  // "keyboard.refused.disabled".
  std::string reason;
};

class KeyboardModel {
 public:
  static constexpr std::size_t kDefaultPageSize = 8;

  // The engine must outlive the model; the model owns its composition while
  // bound (it resets the engine on Bind and Wipe).
  explicit KeyboardModel(PinyinEngine& engine, std::size_t candidate_page_size = kDefaultPageSize);
  ~KeyboardModel();
  KeyboardModel(const KeyboardModel&) = delete;
  KeyboardModel& operator=(const KeyboardModel&) = delete;

  // Binds the keyboard to a field: its layout, current text and length limit
  // in characters (code points). 0 means the layout's own limit (18 for ID
  // numbers and codes, 10 for dates, 16 for money, 32 for digits, 1000 for
  // text); ID numbers and codes never take more than 18. Text the layout
  // could not have typed, or longer than the limit, is refused. The full
  // keyboard starts in Chinese.
  Result<void> Bind(KeyboardLayout layout, std::string_view initial_text, std::size_t max_chars);

  // Presses a key. An id that is not on the current keyboard is an error;
  // a key that is there but not allowed now is a kRefused result.
  Result<PressResult> Press(std::string_view key_id);

  // The keyboard as it is now: for the full keyboard the first row is the
  // candidate bar (page_prev, candidate:0.., page_next) while composing.
  std::vector<KeyRow> Rows() const;

  KeyboardLayout Layout() const { return layout_; }
  const std::string& Text() const { return text_; }
  std::size_t TextChars() const;
  std::size_t MaxChars() const { return max_chars_; }
  bool ChineseMode() const { return chinese_; }
  // The pinyin letters typed but not yet converted.
  const std::string& Composing() const { return engine_.Input(); }
  // The current candidate page.
  std::span<const std::string> Candidates() const { return engine_.PageCandidates(); }
  bool HasNextPage() const { return engine_.HasNextPage(); }
  bool HasPreviousPage() const { return engine_.HasPreviousPage(); }

  // Clears text, composition and candidates, zeroing their buffers, and goes
  // back to an unbound full keyboard. Called when a session ends.
  void Wipe();

 private:
  bool FullKeyboard() const;
  Result<PressResult> PressCharacter(std::string_view character);
  Result<PressResult> PressBackspace();
  Result<PressResult> PressSpace();
  Result<PressResult> PressDone();
  // Commits the candidate at `index` of the page, or the raw letters when
  // `index` is empty; refused when the field has no room for it.
  Result<PressResult> Commit(std::optional<std::size_t> index);
  Result<PressResult> CommitBest();
  PressResult Insert(std::string_view text);
  bool XAllowedNow() const;

  PinyinEngine& engine_;
  KeyboardLayout layout_ = KeyboardLayout::kText;
  std::string text_;
  std::size_t max_chars_ = 0;
  bool chinese_ = true;
};

}  // namespace kiosk::input
