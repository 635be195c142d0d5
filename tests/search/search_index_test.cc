#include "kiosk/core/search/search_index.h"

#include <catch2/catch.hpp>
#include <map>
#include <string>
#include <vector>

#include "kiosk/core/search/pinyin_table.h"

using namespace kiosk::search;

namespace {

// The shipped table, loaded once: the assertions below are about real data.
const PinyinTable& ShippedTable() {
  static const PinyinTable table = [] {
    auto loaded = PinyinTable::Load(std::string(KIOSK_CONFIG_DIR) + "/" +
                                    std::string(kPinyinTableConfigPath));
    if (!loaded) FAIL(loaded.error().Describe());
    return *std::move(loaded);
  }();
  return table;
}

// Items as a 社保医保一体机 lists them, with made-up usage counts.
std::vector<SearchDocument> Catalog() {
  return {
      {"ssi.insurance_record", "参保基本信息查询", "Insurance record query", {"社保查询"}, 950},
      {"ssi.contribution_detail", "个人缴费明细查询", "Contribution details", {"缴费记录"}, 700},
      {"ssi.contribution_list", "缴费清单打印", "Print contribution list", {}, 620},
      {"ssi.certificate",
       "社会保险参保缴费证明打印",
       "Social insurance certificate",
       {"社保证明", "参保证明"},
       880},
      {"ssi.pension_account", "养老保险个人账户查询", "Pension account query", {}, 540},
      {"ssi.pension_payments", "养老金发放记录查询", "Pension payments", {"退休金"}, 610},
      {"mi.insurance_record", "医保参保信息查询", "Medical insurance record", {"医疗保险"}, 720},
      {"mi.account_balance", "医保个人账户余额查询", "Medical account balance", {}, 990},
      {"mi.remote_filing", "异地就医备案", "Treatment in another city", {"跨省就医"}, 300},
      {"card.report_loss", "社保卡挂失", "Report a lost card", {"丢卡", "补卡"}, 410},
      {"card.cancel_loss", "社保卡解挂", "Cancel a loss report", {}, 120},
      {"card.change_pin", "社保卡密码修改", "Change card PIN", {"改密码"}, 380},
      {"card.reset_pin", "社保卡密码重置", "Reset card PIN", {}, 330},
      {"card.bank_activation", "社保卡银行卡激活", "Activate the bank account", {}, 260},
      {"card.electronic", "电子社保卡申领", "Electronic social security card", {}, 999},
      {"hpf.account", "住房公积金账户查询", "Housing provident fund account", {}, 800},
      {"hpf.loan_repayment", "公积金贷款还款查询", "Provident fund loan repayment", {}, 450},
      {"ui.benefit_claim", "失业保险金申领", "Claim unemployment benefit", {"失业金"}, 200},
      {"biz.license_print", "电子营业执照打印", "Print business licence", {"执照"}, 150},
      {"biz.license_query", "营业执照信息查询", "Business licence information", {}, 160},
      {"emp.registration", "就业登记", "Employment registration", {}, 90},
      {"ltc.benefits", "长期护理保险待遇查询", "Long-term care benefits", {"长护险"}, 70},
      {"legal.aid", "法律援助申请", "Legal aid application", {}, 40},
  };
}

const SearchIndex& Index() {
  static const SearchIndex index = [] {
    auto built = SearchIndex::Build(Catalog(), ShippedTable());
    if (!built) FAIL(built.error().Describe());
    return *std::move(built);
  }();
  return index;
}

std::map<std::string, std::string> TitlesById() {
  std::map<std::string, std::string> titles;
  for (const auto& document : Catalog()) titles[document.id] = document.title_zh;
  return titles;
}

// Titles rather than ids, so a failing check reads like the screen would.
std::vector<std::string> Titles(const std::vector<SearchHit>& hits) {
  static const auto titles = TitlesById();
  std::vector<std::string> result;
  for (const auto& hit : hits) result.push_back(titles.at(hit.id));
  return result;
}

std::vector<std::string> Search(std::string_view query, std::size_t limit = 20) {
  return Titles(Index().Search(query, limit));
}

std::vector<std::string> Head(const std::vector<std::string>& titles, std::size_t count) {
  return {titles.begin(),
          titles.begin() + static_cast<std::ptrdiff_t>(std::min(count, titles.size()))};
}

bool Contains(const std::vector<std::string>& titles, const std::string& title) {
  return std::find(titles.begin(), titles.end(), title) != titles.end();
}

}  // namespace

TEST_CASE("initials find the 参保…查询 items first, the anchored one on top") {
  const auto hits = Index().Search("cbcx", 20);
  REQUIRE(hits.size() >= 2);
  CHECK(Head(Titles(hits), 2) == std::vector<std::string>{"参保基本信息查询", "医保参保信息查询"});
  CHECK(hits[0].kind == MatchKind::kSubsequence);
  CHECK(hits[0].field == MatchField::kTitle);
}

TEST_CASE("full and partial pinyin, with or without spaces, find the same items") {
  const std::vector<std::string> expected = {"参保基本信息查询", "社会保险参保缴费证明打印",
                                             "医保参保信息查询"};
  for (std::string_view query : {"canbao", "can bao", "CanBao", "ｃａｎｂａｏ", "cānbǎo"}) {
    INFO(query);
    CHECK(Head(Search(query), 3) == expected);  // The prefix match, then by usage.
  }
  CHECK(Head(Search("canbaochaxun"), 2) ==
        std::vector<std::string>{"参保基本信息查询", "医保参保信息查询"});
}

TEST_CASE("yibao finds the 医保 items, most used first") {
  const auto hits = Index().Search("yibao", 20);
  REQUIRE(hits.size() >= 2);
  CHECK(Head(Titles(hits), 2) ==
        std::vector<std::string>{"医保个人账户余额查询", "医保参保信息查询"});
  CHECK(hits[0].kind == MatchKind::kPrefix);
}

TEST_CASE("gjj finds 公积金 items, the prefix match before the substring match") {
  CHECK(Head(Search("gjj"), 2) ==
        std::vector<std::string>{"公积金贷款还款查询", "住房公积金账户查询"});
}

TEST_CASE("社保卡 lists prefix matches before the popular substring match") {
  const auto hits = Index().Search("社保卡", 20);
  const auto titles = Titles(hits);
  // Prefix matches by usage count; 电子社保卡申领 is used most but only contains it.
  CHECK(titles == std::vector<std::string>{"社保卡挂失", "社保卡密码修改", "社保卡密码重置",
                                           "社保卡银行卡激活", "社保卡解挂", "电子社保卡申领"});
  REQUIRE(hits.size() == 6);
  CHECK(hits[4].kind == MatchKind::kPrefix);
  CHECK(hits[5].kind == MatchKind::kSubstring);
}

TEST_CASE("an exact title comes first") {
  const auto hits = Index().Search("社保卡挂失", 20);
  REQUIRE_FALSE(hits.empty());
  CHECK(hits[0].id == "card.report_loss");
  CHECK(hits[0].kind == MatchKind::kExact);
  for (std::string_view query : {"sbkgs", "社保kgs", "shebaokaguashi", "shebao ka gua shi"}) {
    INFO(query);
    CHECK(Index().Search(query, 1).at(0).id == "card.report_loss");
  }
}

TEST_CASE("kinds rank exact, prefix, substring, subsequence, whatever the usage") {
  auto built = SearchIndex::Build({{"exact", "社保卡", "", {}, 1},
                                   {"prefix", "社保卡挂失", "", {}, 10},
                                   {"substring", "电子社保卡申领", "", {}, 100},
                                   {"subsequence", "社会保险卡", "", {}, 1000}},
                                  ShippedTable());
  REQUIRE(built);
  for (std::string_view query : {"sbk", "社保卡", "shebaoka"}) {
    INFO(query);
    const auto hits = built->Search(query, 10);
    REQUIRE(hits.size() == 4);
    const std::vector<MatchKind> kinds = {hits[0].kind, hits[1].kind, hits[2].kind, hits[3].kind};
    CHECK(kinds == std::vector<MatchKind>{MatchKind::kExact, MatchKind::kPrefix,
                                          MatchKind::kSubstring, MatchKind::kSubsequence});
    CHECK(hits[0].id == "exact");
    CHECK(hits[3].id == "subsequence");
  }
}

TEST_CASE("a less common reading ranks below the common one, before usage") {
  // 参保 also reads shen-bao (参 as in 人参): a prefix match of "shebao", but
  // below those through 社's common reading although it is used more.
  const auto hits = Index().Search("shebao", 20);
  const auto titles = Titles(hits);
  REQUIRE(titles.size() >= 7);
  CHECK(titles[4] == "社保卡解挂");
  CHECK(titles[5] == "参保基本信息查询");
  CHECK(hits[5].kind == MatchKind::kPrefix);
  CHECK(titles[6] == "电子社保卡申领");
  for (std::size_t i = 1; i < hits.size(); ++i) CHECK(hits[i - 1].score >= hits[i].score);
}

TEST_CASE("polyphonic characters match by each reading") {
  // 账 zhang in 账户; 长 (chang/zhang) starts 长期护理保险待遇查询.
  const auto zhang = Search("zhang");
  CHECK(zhang.front() == "长期护理保险待遇查询");
  for (const char* title : {"养老保险个人账户查询", "医保个人账户余额查询", "住房公积金账户查询"}) {
    CHECK(Contains(zhang, title));
  }
  CHECK(Search("changqi").front() == "长期护理保险待遇查询");
  CHECK(Search("yinhang").front() == "社保卡银行卡激活");     // 行 hang
  CHECK(Search("yinxing").front() == "社保卡银行卡激活");     // 行 xing
  CHECK(Search("huankuan").front() == "公积金贷款还款查询");  // 还 huan
  CHECK(Search("chongzhi").front() == "社保卡密码重置");      // 重 chong
  CHECK(Search("falv").front() == "法律援助申请");            // 律 lü typed v
  CHECK(Search("falü").front() == "法律援助申请");
}

TEST_CASE("title matches rank above keyword matches") {
  // 失业保险金申领 has 失业金 as a subsequence of its title and as a keyword.
  const auto hits = Index().Search("失业金", 20);
  REQUIRE_FALSE(hits.empty());
  CHECK(hits[0].field == MatchField::kTitle);
  // Keyword only: 退休金 is nowhere in 养老金发放记录查询.
  const auto pension = Index().Search("tuixiujin", 20);
  REQUIRE(pension.size() == 1);
  CHECK(pension[0].id == "ssi.pension_payments");
  CHECK(pension[0].field == MatchField::kKeyword);
  CHECK(pension[0].kind == MatchKind::kExact);
  CHECK(Search("diuka") == std::vector<std::string>{"社保卡挂失"});
}

TEST_CASE("English titles are searchable by their words") {
  CHECK(Search("pension") ==
        std::vector<std::string>{"养老金发放记录查询", "养老保险个人账户查询"});
  CHECK(Search("licence") == std::vector<std::string>{"营业执照信息查询", "电子营业执照打印"});
}

TEST_CASE("an empty query lists the eight most used items") {
  const std::vector<std::string> expected = {
      "电子社保卡申领",     "医保个人账户余额查询", "参保基本信息查询", "社会保险参保缴费证明打印",
      "住房公积金账户查询", "医保参保信息查询",     "个人缴费明细查询", "缴费清单打印"};
  CHECK(Search("") == expected);
  CHECK(Search("   ") == expected);
  CHECK(Search("，") == expected);
  CHECK(Search("", 3) == Head(expected, 3));
  CHECK(Index().Search("", 20).front().kind == MatchKind::kMostUsed);
  CHECK(Titles(Index().MostUsed(2)) == Head(expected, 2));
}

TEST_CASE("a query that matches nothing returns nothing") {
  for (std::string_view query : {"xyzzy", "火星", "qqq", "cbcxcbcx", "社保卡挂失了", "ension"}) {
    INFO(query);
    CHECK(Search(query).empty());
  }
  CHECK(Search("cbcx", 0).empty());
}

TEST_CASE("the limit keeps the best hits") {
  const auto all = Search("c", 100);
  const auto top = Search("c", 3);
  REQUIRE(all.size() > 3);
  CHECK(top == Head(all, 3));
}

TEST_CASE("equal matches are ordered by usage count, then id, and usage can change") {
  auto built = SearchIndex::Build({{"b", "社保卡挂失", "", {}, 5},
                                   {"a", "社保卡解挂", "", {}, 5},
                                   {"c", "社保卡密码修改", "", {}, 7}},
                                  ShippedTable());
  REQUIRE(built);
  SearchIndex& index = *built;
  auto ids = [&] {
    std::vector<std::string> result;
    for (const auto& hit : index.Search("sbk", 10)) result.push_back(hit.id);
    return result;
  };
  CHECK(ids() == std::vector<std::string>{"c", "a", "b"});
  REQUIRE(index.SetUsageCount("b", 100));
  CHECK(ids() == std::vector<std::string>{"b", "c", "a"});
  CHECK(index.MostUsed(1).at(0).id == "b");
  auto unknown = index.SetUsageCount("nope", 1);
  REQUIRE_FALSE(unknown);
  CHECK(unknown.error().code == kiosk::ErrorCode::kNotFound);
}

TEST_CASE("an index refuses documents it could not tell apart or show") {
  auto repeated = SearchIndex::Build({{"a", "社保卡挂失", "", {}, 0}, {"a", "就业登记", "", {}, 0}},
                                     ShippedTable());
  REQUIRE_FALSE(repeated);
  CHECK(repeated.error().code == kiosk::ErrorCode::kInvalidData);
  CHECK_FALSE(SearchIndex::Build({{"", "就业登记", "", {}, 0}}, ShippedTable()));
  CHECK_FALSE(SearchIndex::Build({{"a", "", "Employment", {}, 0}}, ShippedTable()));
  auto empty = SearchIndex::Build({}, ShippedTable());
  REQUIRE(empty);
  CHECK(empty->Search("", 8).empty());
  CHECK(empty->Search("cbcx", 8).empty());
}

TEST_CASE("characters the table does not know still match themselves") {
  auto built = SearchIndex::Build({{"x", "ア字ETC卡办理", "", {}, 0}}, ShippedTable());
  REQUIRE(built);
  CHECK(built->Search("ア", 5).size() == 1);
  CHECK(built->Search("etc", 5).size() == 1);
  CHECK(built->Search("etck", 5).size() == 1);
  CHECK(built->Search("tc", 5).empty());  // Not a word start.
}
