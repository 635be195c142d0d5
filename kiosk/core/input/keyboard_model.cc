#include "kiosk/core/input/keyboard_model.h"

#include <algorithm>
#include <utility>

#include "common/secure_wipe.h"

namespace kiosk::input {

namespace {

constexpr std::size_t kIdNumberLength = 18;
constexpr std::size_t kCreditCodeLength = 18;
constexpr std::size_t kMoneyDecimals = 2;
constexpr std::string_view kCandidatePrefix = "candidate:";
// 统一社会信用代码 letters: A-Z without I, O, S, V and Z (GB 32100-2015).
constexpr std::string_view kCodeLetters = "ABCDEFGHJKLMNPQRTUWXY";

bool IsContinuationByte(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

std::size_t CountCodePoints(std::string_view text) {
  return static_cast<std::size_t>(
      std::count_if(text.begin(), text.end(), [](char c) { return !IsContinuationByte(c); }));
}

// Drops the last code point (all its bytes); false on an empty string.
bool DropLastCodePoint(std::string& text) {
  if (text.empty()) return false;
  std::size_t size = text.size() - 1;
  while (size > 0 && IsContinuationByte(text[size])) --size;
  // Zero the dropped bytes before they leave the string's live range.
  std::fill(text.begin() + static_cast<std::ptrdiff_t>(size), text.end(), '\0');
  text.resize(size);
  return true;
}

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsLowerLetter(char c) { return c >= 'a' && c <= 'z'; }

std::size_t DefaultMaxChars(KeyboardLayout layout) {
  switch (layout) {
    case KeyboardLayout::kIdNumber: return kIdNumberLength;
    case KeyboardLayout::kCode: return kCreditCodeLength;
    case KeyboardLayout::kDate: return 10;
    case KeyboardLayout::kMoney: return 16;
    case KeyboardLayout::kDigits: return 32;
    case KeyboardLayout::kText:
    case KeyboardLayout::kSearch: return 1000;
  }
  return 1000;
}

// Whether `character` may follow `text` in `layout`; the refusal's UI text
// key when not. Length limits are checked separately.
std::optional<std::string> Refusal(KeyboardLayout layout, std::string_view text,
                                   std::string_view character) {
  const std::string kBadCharacter = "keyboard.refused.character";
  if (layout == KeyboardLayout::kText || layout == KeyboardLayout::kSearch) return std::nullopt;
  if (character.size() != 1) return kBadCharacter;
  const char c = character.front();
  if (layout == KeyboardLayout::kIdNumber && text.size() >= kIdNumberLength) {
    return "keyboard.refused.max_length";
  }
  if (IsDigit(c)) {
    if (layout == KeyboardLayout::kMoney) {
      const std::size_t dot = text.find('.');
      if (dot != std::string_view::npos && text.size() - dot - 1 >= kMoneyDecimals) {
        return "keyboard.refused.decimals";
      }
    }
    return std::nullopt;
  }
  switch (layout) {
    case KeyboardLayout::kIdNumber:
      if (c != 'X') return kBadCharacter;
      // The check character: the 18th and last, never earlier.
      if (text.size() != kIdNumberLength - 1) return "keyboard.refused.x_position";
      return std::nullopt;
    case KeyboardLayout::kCode:
      if (kCodeLetters.find(c) == std::string_view::npos) return kBadCharacter;
      return std::nullopt;
    case KeyboardLayout::kDate:
      if (c != '-') return kBadCharacter;
      if (text.empty() || text.back() == '-') return kBadCharacter;
      return std::nullopt;
    case KeyboardLayout::kMoney:
      if (c != '.') return kBadCharacter;
      if (text.empty() || text.find('.') != std::string_view::npos) return kBadCharacter;
      return std::nullopt;
    default: return kBadCharacter;
  }
}

Key CharacterKey(std::string text, float width = 1.0f) {
  Key key;
  key.id = text;
  key.label = std::move(text);
  key.width = width;
  return key;
}

Key SpecialKey(std::string id, std::string text_key, float width, bool enabled = true) {
  Key key;
  key.id = std::move(id);
  key.label = std::move(text_key);
  key.label_is_text_key = true;
  key.width = width;
  key.enabled = enabled;
  return key;
}

KeyRow CharacterRow(std::string_view characters) {
  KeyRow row;
  for (char c : characters) row.push_back(CharacterKey(std::string(1, c)));
  return row;
}

std::vector<KeyRow> NumberPad() {
  return {CharacterRow("123"), CharacterRow("456"), CharacterRow("789")};
}

std::optional<std::size_t> CandidateIndex(std::string_view key_id) {
  if (!key_id.starts_with(kCandidatePrefix)) return std::nullopt;
  const std::string_view digits = key_id.substr(kCandidatePrefix.size());
  if (digits.empty() || digits.size() > 3 || !std::all_of(digits.begin(), digits.end(), IsDigit)) {
    return std::nullopt;
  }
  std::size_t index = 0;
  for (char c : digits) index = index * 10 + static_cast<std::size_t>(c - '0');
  return index;
}

PressResult Refused(std::string reason) {
  PressResult result;
  result.outcome = PressOutcome::kRefused;
  result.reason = std::move(reason);
  return result;
}

}  // namespace

const char* ToString(KeyboardLayout layout) {
  switch (layout) {
    case KeyboardLayout::kText: return "text";
    case KeyboardLayout::kDigits: return "digits";
    case KeyboardLayout::kIdNumber: return "id_number";
    case KeyboardLayout::kCode: return "code";
    case KeyboardLayout::kDate: return "date";
    case KeyboardLayout::kMoney: return "money";
    case KeyboardLayout::kSearch: return "search";
  }
  return "unknown";
}

KeyboardModel::KeyboardModel(PinyinEngine& engine, std::size_t candidate_page_size)
    : engine_(engine), max_chars_(DefaultMaxChars(KeyboardLayout::kText)) {
  engine_.SetPageSize(candidate_page_size);
  engine_.Reset();
}

KeyboardModel::~KeyboardModel() {
  engine_.Reset();
  SecureWipe(text_);
}

bool KeyboardModel::FullKeyboard() const {
  return layout_ == KeyboardLayout::kText || layout_ == KeyboardLayout::kSearch;
}

std::size_t KeyboardModel::TextChars() const { return CountCodePoints(text_); }

Result<void> KeyboardModel::Bind(KeyboardLayout layout, std::string_view initial_text,
                                 std::size_t max_chars) {
  std::size_t limit = max_chars == 0 ? DefaultMaxChars(layout) : max_chars;
  if (layout == KeyboardLayout::kIdNumber || layout == KeyboardLayout::kCode) {
    limit = std::min(limit, DefaultMaxChars(layout));
  }
  if (CountCodePoints(initial_text) > limit) {
    return Fail(ErrorCode::kInvalidArgument,
                "the field's text is longer than its " + std::to_string(limit) + " characters");
  }
  for (std::size_t i = 0; i < initial_text.size(); ++i) {
    if (Refusal(layout, initial_text.substr(0, i), initial_text.substr(i, 1))) {
      return Fail(ErrorCode::kInvalidArgument,
                  std::string("the field's text has a character the ") + ToString(layout) +
                      " keyboard cannot type at position " + std::to_string(i + 1));
    }
  }
  Wipe();
  layout_ = layout;
  max_chars_ = limit;
  text_.assign(initial_text);
  return {};
}

void KeyboardModel::Wipe() {
  engine_.Reset();
  SecureWipe(text_);
  layout_ = KeyboardLayout::kText;
  max_chars_ = DefaultMaxChars(layout_);
  chinese_ = true;
}

bool KeyboardModel::XAllowedNow() const {
  return !Refusal(layout_, text_, "X").has_value() && TextChars() < max_chars_;
}

std::vector<KeyRow> KeyboardModel::Rows() const {
  std::vector<KeyRow> rows;
  switch (layout_) {
    case KeyboardLayout::kText:
    case KeyboardLayout::kSearch: {
      if (chinese_ && !engine_.Input().empty()) {
        KeyRow bar;
        bar.push_back(SpecialKey("page_prev", "keyboard.page_prev", 1.0f, HasPreviousPage()));
        const std::span<const std::string> page = Candidates();
        for (std::size_t i = 0; i < page.size(); ++i) {
          Key key;
          key.id = std::string(kCandidatePrefix) + std::to_string(i);
          key.label = page[i];
          key.width =
              1.0f + 0.5f * static_cast<float>(std::min<std::size_t>(CountCodePoints(page[i]), 4));
          bar.push_back(std::move(key));
        }
        bar.push_back(SpecialKey("page_next", "keyboard.page_next", 1.0f, HasNextPage()));
        rows.push_back(std::move(bar));
      }
      rows.push_back(CharacterRow("1234567890"));
      rows.push_back(CharacterRow("qwertyuiop"));
      rows.push_back(CharacterRow("asdfghjkl"));
      KeyRow bottom_letters = CharacterRow("zxcvbnm");
      bottom_letters.push_back(SpecialKey("backspace", "keyboard.backspace", 1.5f));
      rows.push_back(std::move(bottom_letters));
      rows.push_back(
          {SpecialKey("shift_lang", chinese_ ? "keyboard.lang_chinese" : "keyboard.lang_english",
                      1.5f),
           SpecialKey("space", "keyboard.space", 5.0f),
           SpecialKey("done",
                      layout_ == KeyboardLayout::kSearch ? "keyboard.search" : "keyboard.done",
                      2.0f)});
      break;
    }
    case KeyboardLayout::kDigits:
      rows = NumberPad();
      rows.push_back({SpecialKey("backspace", "keyboard.backspace", 1.0f), CharacterKey("0"),
                      SpecialKey("done", "keyboard.done", 1.0f)});
      break;
    case KeyboardLayout::kIdNumber: {
      rows = NumberPad();
      Key x = CharacterKey("X");
      x.enabled = XAllowedNow();
      rows.push_back(
          {std::move(x), CharacterKey("0"), SpecialKey("backspace", "keyboard.backspace", 1.0f)});
      rows.push_back({SpecialKey("done", "keyboard.done", 3.0f)});
      break;
    }
    case KeyboardLayout::kDate:
    case KeyboardLayout::kMoney:
      rows = NumberPad();
      rows.push_back({CharacterKey(layout_ == KeyboardLayout::kDate ? "-" : "."), CharacterKey("0"),
                      SpecialKey("backspace", "keyboard.backspace", 1.0f)});
      rows.push_back({SpecialKey("done", "keyboard.done", 3.0f)});
      break;
    case KeyboardLayout::kCode: {
      rows.push_back(CharacterRow("1234567890"));
      rows.push_back(CharacterRow("QWERTYUP"));
      rows.push_back(CharacterRow("ADFGHJKL"));
      KeyRow last = CharacterRow("XCBNM");
      last.push_back(SpecialKey("backspace", "keyboard.backspace", 1.5f));
      rows.push_back(std::move(last));
      rows.push_back({SpecialKey("done", "keyboard.done", 3.0f)});
      break;
    }
  }
  return rows;
}

Result<PressResult> KeyboardModel::Press(std::string_view key_id) {
  std::optional<Key> pressed;
  for (const KeyRow& row : Rows()) {
    for (const Key& key : row) {
      if (key.id == key_id) pressed = key;
    }
  }
  if (!pressed) {
    return Fail(ErrorCode::kInvalidArgument, "no key \"" + std::string(key_id) + "\" on the " +
                                                 ToString(layout_) + " keyboard now");
  }
  if (!pressed->enabled) {
    // The ID pad's X before the 18th place has its own reason.
    if (key_id == "X" && layout_ == KeyboardLayout::kIdNumber) {
      const std::optional<std::string> reason = Refusal(layout_, text_, "X");
      if (reason) return Refused(*reason);
      return Refused("keyboard.refused.max_length");
    }
    return Refused("keyboard.refused.disabled");
  }
  if (key_id == "backspace") return PressBackspace();
  if (key_id == "space") return PressSpace();
  if (key_id == "done") return PressDone();
  if (key_id == "shift_lang") {
    PressResult result;
    if (!engine_.Input().empty()) {
      // The letters typed so far stay as they are, now as English.
      Result<PressResult> committed = Commit(std::nullopt);
      if (!committed) return committed;
      if (committed->outcome == PressOutcome::kRefused) return committed;
      result.edit = std::move(committed->edit);
    }
    chinese_ = !chinese_;
    result.outcome = PressOutcome::kModeChanged;
    return result;
  }
  if (key_id == "page_prev" || key_id == "page_next") {
    const bool moved = key_id == "page_next" ? engine_.NextPage() : engine_.PreviousPage();
    PressResult result;
    result.outcome = moved ? PressOutcome::kComposing : PressOutcome::kNothing;
    return result;
  }
  if (const std::optional<std::size_t> index = CandidateIndex(key_id)) return Commit(*index);
  return PressCharacter(key_id);
}

Result<PressResult> KeyboardModel::PressCharacter(std::string_view character) {
  if (FullKeyboard() && chinese_ && character.size() == 1 && IsLowerLetter(character.front())) {
    if (TextChars() >= max_chars_) return Refused("keyboard.refused.max_length");
    if (engine_.Input().size() >= PinyinEngine::kMaxInputLetters) {
      return Refused("keyboard.refused.max_length");
    }
    std::string letters = engine_.Input() + std::string(character);
    Result<void> set = engine_.SetInput(letters);
    SecureWipe(letters);
    if (!set) return std::unexpected(std::move(set.error()));
    PressResult result;
    result.outcome = PressOutcome::kComposing;
    return result;
  }
  if (FullKeyboard() && !engine_.Input().empty()) {
    // A digit while composing: the best candidate goes in first, then the digit.
    Result<PressResult> committed = CommitBest();
    if (!committed || committed->outcome == PressOutcome::kRefused) return committed;
    if (engine_.Input().empty()) {
      PressResult digit = Insert(character);
      if (digit.outcome == PressOutcome::kRefused) return committed;
      committed->edit.insert += digit.edit.insert;
    }
    return committed;
  }
  if (std::optional<std::string> reason = Refusal(layout_, text_, character)) {
    return Refused(std::move(*reason));
  }
  return Insert(character);
}

PressResult KeyboardModel::Insert(std::string_view text) {
  if (TextChars() + CountCodePoints(text) > max_chars_) {
    return Refused("keyboard.refused.max_length");
  }
  text_.append(text);
  PressResult result;
  result.outcome = PressOutcome::kEdited;
  result.edit.insert.assign(text);
  return result;
}

Result<PressResult> KeyboardModel::PressBackspace() {
  PressResult result;
  if (!engine_.Input().empty()) {
    // A pinyin letter goes first; the field's text is untouched.
    std::string letters = engine_.Input();
    letters.pop_back();
    Result<void> set = engine_.SetInput(letters);
    SecureWipe(letters);
    if (!set) return std::unexpected(std::move(set.error()));
    result.outcome = PressOutcome::kComposing;
    return result;
  }
  if (!DropLastCodePoint(text_)) return result;  // kNothing on an empty field.
  result.outcome = PressOutcome::kEdited;
  result.edit.erase = 1;
  return result;
}

Result<PressResult> KeyboardModel::PressSpace() {
  if (!engine_.Input().empty()) {
    return CommitBest();
  }
  return Insert(" ");
}

Result<PressResult> KeyboardModel::PressDone() {
  PressResult result;
  if (!engine_.Input().empty()) {
    // As Enter in a desktop IME: the letters go in as typed; the citizen
    // picks a candidate first to get hanzi. Without room they are dropped.
    Result<PressResult> committed = Commit(std::nullopt);
    if (!committed) return committed;
    if (committed->outcome == PressOutcome::kEdited) result.edit = std::move(committed->edit);
    engine_.Reset();
  }
  result.outcome = PressOutcome::kDone;
  return result;
}

Result<PressResult> KeyboardModel::CommitBest() {
  // The first candidate of the page shown, or the letters when there is none
  // ("v" is no syllable).
  if (Candidates().empty()) return Commit(std::nullopt);
  return Commit(0);
}

Result<PressResult> KeyboardModel::Commit(std::optional<std::size_t> index) {
  if (!index) {
    std::string letters = engine_.Input();
    PressResult result = Insert(letters);
    SecureWipe(letters);
    if (result.outcome != PressOutcome::kRefused) engine_.Reset();
    return result;
  }
  const std::span<const std::string> page = Candidates();
  if (*index >= page.size()) {
    return Fail(ErrorCode::kInvalidArgument, "no candidate " + std::to_string(*index));
  }
  if (TextChars() + CountCodePoints(page[*index]) > max_chars_) {
    return Refused("keyboard.refused.max_length");
  }
  Result<PinyinChoice> choice = engine_.Choose(*index);
  if (!choice) return std::unexpected(std::move(choice.error()));
  PressResult result = Insert(choice->committed);
  SecureWipe(choice->committed);
  SecureWipe(choice->remaining);
  return result;
}

}  // namespace kiosk::input
