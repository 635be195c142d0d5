#include "synthetic_catalog.h"

#include <array>
#include <cstdio>
#include <random>
#include <set>
#include <string>

namespace kiosk::bench {
namespace {

struct Word {
  const char* zh;
  const char* en;
};

constexpr std::array<Word, 12> kRegions = {{
    {"", ""},
    {"", ""},
    {"", ""},
    {"", ""},
    {"", ""},
    {"", ""},  // Most titles have none.
    {"本市", "City"},
    {"跨省", "Inter-provincial"},
    {"省内", "In-province"},
    {"异地", "Remote"},
    {"城乡居民", "Resident"},
    {"灵活就业人员", "Flexible worker"},
}};

constexpr std::array<Word, 40> kSubjects = {{
    {"社保卡", "social security card"},
    {"电子社保卡", "electronic social security card"},
    {"社会保险", "social insurance"},
    {"养老保险", "pension insurance"},
    {"医疗保险", "medical insurance"},
    {"医保", "medical insurance"},
    {"职工医保", "employee medical insurance"},
    {"失业保险", "unemployment insurance"},
    {"工伤保险", "work injury insurance"},
    {"生育保险", "maternity insurance"},
    {"住房公积金", "housing provident fund"},
    {"公积金贷款", "provident fund loan"},
    {"营业执照", "business licence"},
    {"个体工商户", "sole proprietor"},
    {"不动产", "real estate"},
    {"户籍", "household registration"},
    {"居住证", "residence permit"},
    {"出入境", "exit and entry"},
    {"机动车", "motor vehicle"},
    {"驾驶证", "driving licence"},
    {"残疾人", "disability"},
    {"退役军人", "veteran"},
    {"最低生活保障", "minimum living allowance"},
    {"医保电子凭证", "medical insurance e-voucher"},
    {"长期护理保险", "long-term care insurance"},
    {"异地就医", "treatment elsewhere"},
    {"个人所得税", "individual income tax"},
    {"发票", "invoice"},
    {"婚姻登记", "marriage registration"},
    {"老年人优待", "senior citizen benefits"},
    {"高龄津贴", "old age allowance"},
    {"就业创业", "employment and business"},
    {"职业技能", "vocational skills"},
    {"人才引进", "talent"},
    {"学历认证", "degree verification"},
    {"公证", "notarization"},
    {"法律援助", "legal aid"},
    {"银行卡", "bank card"},
    {"养老金", "pension"},
    {"失业保险金", "unemployment benefit"},
}};

constexpr std::array<Word, 24> kObjects = {{
    {"", ""},
    {"", ""},
    {"", ""},
    {"", ""},
    {"个人账户", "personal account"},
    {"缴费", "contribution"},
    {"参保", "enrolment"},
    {"待遇", "benefits"},
    {"基本信息", "basic information"},
    {"明细", "details"},
    {"证明", "certificate"},
    {"记录", "records"},
    {"余额", "balance"},
    {"密码", "PIN"},
    {"资格", "eligibility"},
    {"补贴", "subsidy"},
    {"登记", "registration"},
    {"关系转移", "transfer"},
    {"发放记录", "payment records"},
    {"清单", "statement"},
    {"年审", "annual review"},
    {"进度", "progress"},
    {"缴存", "deposits"},
    {"还款", "repayment"},
}};

constexpr std::array<Word, 20> kActions = {{
    {"查询", "query"},       {"查询", "query"},
    {"查询", "query"},       {"打印", "printing"},
    {"打印", "printing"},    {"申领", "application"},
    {"办理", "processing"},  {"变更", "change"},
    {"挂失", "loss report"}, {"解挂", "loss report cancellation"},
    {"补办", "replacement"}, {"注销", "cancellation"},
    {"预约", "appointment"}, {"认证", "verification"},
    {"申报", "declaration"}, {"续签", "renewal"},
    {"提取", "withdrawal"},  {"激活", "activation"},
    {"备案", "filing"},      {"重置", "reset"},
}};

constexpr std::array<const char*, 14> kKeywords = {
    "社保", "医保",     "公积金",   "养老金", "退休金", "补卡",   "丢卡",
    "证明", "社保查询", "缴费记录", "执照",   "长护险", "失业金", "跨省就医",
};

template <typename Array>
const auto& Pick(const Array& words, std::mt19937& random) {
  // Raw mt19937 output is fixed by the standard; distributions are not, so
  // the catalog is the same with every standard library.
  return words[random() % words.size()];
}

}  // namespace

std::vector<search::SearchDocument> SyntheticCatalog(std::size_t count, std::uint32_t seed) {
  std::mt19937 random(seed);
  std::set<std::string> titles;
  std::vector<search::SearchDocument> catalog;
  catalog.reserve(count);
  while (catalog.size() < count) {
    const Word& region = Pick(kRegions, random);
    const Word& subject = Pick(kSubjects, random);
    const Word& object = Pick(kObjects, random);
    const Word& action = Pick(kActions, random);
    std::string title = std::string(region.zh) + subject.zh + object.zh + action.zh;
    // Past the distinct combinations a suffix keeps titles apart.
    if (!titles.insert(title).second) title += "（" + std::to_string(catalog.size()) + "）";
    titles.insert(title);
    search::SearchDocument document;
    char id[32];
    std::snprintf(id, sizeof id, "item.%05zu", catalog.size());
    document.id = id;
    document.title_zh = title;
    for (const char* part : {region.en, subject.en, object.en, action.en}) {
      if (*part == '\0') continue;
      if (!document.title_en.empty()) document.title_en += ' ';
      document.title_en += part;
    }
    for (std::uint32_t k = random() % 3; k > 0; --k)
      document.keywords.push_back(Pick(kKeywords, random));
    // A long tail: a few items are used far more than the rest.
    document.usage_count = static_cast<std::int64_t>(100000 / (1 + random() % 1000));
    catalog.push_back(std::move(document));
  }
  return catalog;
}

}  // namespace kiosk::bench
