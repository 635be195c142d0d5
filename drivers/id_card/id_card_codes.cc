#include "drivers/id_card/id_card_codes.h"

#include <array>

namespace kiosk::devices {
namespace {

// GB/T 3304 in code order: index i holds code i + 1.
constexpr std::array<std::string_view, 56> kNations = {
    "汉",     "蒙古",   "回",       "藏",     "维吾尔",   "苗",   "彝",     "壮",
    "布依",   "朝鲜",   "满",       "侗",     "瑶",       "白",   "土家",   "哈尼",
    "哈萨克", "傣",     "黎",       "傈僳",   "佤",       "畲",   "高山",   "拉祜",
    "水",     "东乡",   "纳西",     "景颇",   "柯尔克孜", "土",   "达斡尔", "仫佬",
    "羌",     "布朗",   "撒拉",     "毛南",   "仡佬",     "锡伯", "阿昌",   "普米",
    "塔吉克", "怒",     "乌孜别克", "俄罗斯", "鄂温克",   "德昂", "保安",   "裕固",
    "京",     "塔塔尔", "独龙",     "鄂伦春", "赫哲",     "门巴", "珞巴",   "基诺"};

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

}  // namespace

std::optional<std::string_view> GenderName(std::string_view code) {
  if (code == "0") return "未知";
  if (code == "1") return "男";
  if (code == "2") return "女";
  if (code == "9") return "未说明";
  return std::nullopt;
}

std::optional<std::string_view> NationName(std::string_view code) {
  if (code.size() != 2 || !IsDigit(code[0]) || !IsDigit(code[1])) return std::nullopt;
  const int number = (code[0] - '0') * 10 + (code[1] - '0');
  if (number >= 1 && number <= static_cast<int>(kNations.size())) return kNations[number - 1];
  if (number == 97) return "其他";
  if (number == 98) return "外国血统";
  return std::nullopt;
}

}  // namespace kiosk::devices
