// The session identifying a citizen by ID card and by scanned code, and
// what it does when a device's status says it cannot be used.

#include <catch2/catch.hpp>

#include "tests/unit/session_harness.h"

namespace kiosk::testing {
namespace {

constexpr const char* kPaymentDetails =
    "ssi.payment_details_query";  // 社保卡, ID card, 电子社保卡.
constexpr const char* kEnterpriseQuery = "ent.social_insurance_query";  // Business licence only.
constexpr const char* kZhangWeiToken = "ESSC1:zw8Kq2LmN4pR7tV9xB3dF6hJ1kM5nP8qS2uW4yA7cE0g";

nlohmann::json PaymentAnswer() {
  return {{"query", "ssi_payment_details"},
          {"region", "442000"},
          {"record",
           {{"name", "张伟"},
            {"id_number", "440304198803152711"},
            {"months", 12},
            {"payments", nlohmann::json::array()}}}};
}

void StartItem(SessionHarness& h, const char* item) {
  h.session->SelectItem(item);
  REQUIRE(h.screen() == Screen::kGuide);
  h.session->Continue();
  REQUIRE(h.screen() == Screen::kIdentify);
}

devices::ScanPayload Payload(devices::PayloadKind kind, std::string text) {
  devices::ScanPayload payload;
  payload.kind = kind;
  payload.text = std::move(text);
  return payload;
}

devices::DeviceReport Report(devices::DeviceClass device_class, devices::DeviceState state) {
  devices::DeviceReport report;
  report.device_class = device_class;
  report.backend = "sim";
  report.state = state;
  if (state != devices::DeviceState::kOnline) report.detail = "unplugged in the test";
  return report;
}

}  // namespace

TEST_CASE("an ID card placed on the reader identifies the citizen") {
  SessionHarness h;
  h.central.SetQueryAnswer("ssi_payment_details", PaymentAnswer());
  StartItem(h, kPaymentDetails);
  REQUIRE(h.id_reader->Place("zhang-wei"));
  h.Settle();
  CHECK(h.screen() != Screen::kNotice);
  auto queries = h.central.Queries();
  REQUIRE(queries.size() >= 1);
  CHECK(queries[0].request["identity"]["method"] == "id_card");
  CHECK(queries[0].request["identity"]["ssn"] == "440304198803152711");
  CHECK(h.session->View().citizen_name == "张伟");
}

TEST_CASE("an ID card that cannot be read is a notice, and retry reads it again") {
  SessionHarness h;
  h.central.SetQueryAnswer("ssi_payment_details", PaymentAnswer());
  StartItem(h, kPaymentDetails);
  h.id_reader->SetFault(devices::SimIdCardFault::kRemovedDuringRead);
  REQUIRE(h.id_reader->Place("zhang-wei"));
  h.Settle();
  REQUIRE(h.screen() == Screen::kNotice);
  CHECK(h.session->View().notice->title_key == "notice.id_card_removed");
  CHECK(h.session->View().reading_id_card);
  h.session->Retry();  // The card is gone: back to asking for it.
  CHECK(h.screen() == Screen::kIdentify);
  REQUIRE(h.id_reader->Place("zhang-wei"));
  h.Settle();
  CHECK(h.screen() != Screen::kNotice);
  CHECK(h.central.Queries().size() == 1);
}

TEST_CASE("retry reads an ID card that is still on the reader") {
  SessionHarness h;
  h.central.SetQueryAnswer("ssi_payment_details", PaymentAnswer());
  StartItem(h, kPaymentDetails);
  h.id_reader->SetFault(devices::SimIdCardFault::kReadFailed);
  REQUIRE(h.id_reader->Place("zhang-wei"));
  h.Settle();
  REQUIRE(h.screen() == Screen::kNotice);
  CHECK(h.session->View().notice->title_key == "notice.id_card_unreadable");
  h.session->Retry();  // The fault happened once; the card still lies there.
  h.Settle();
  CHECK(h.screen() != Screen::kNotice);
  CHECK(h.central.Queries().size() == 1);
}

TEST_CASE("an ID card on the reader of an item that does not take one is refused") {
  SessionHarness h;
  StartItem(h, kEnterpriseQuery);
  REQUIRE(h.id_reader->Place("li-na"));
  h.Settle();
  REQUIRE(h.screen() == Screen::kNotice);
  CHECK(h.session->View().notice->title_key == "notice.method_not_accepted");
  CHECK(h.central.Queries().empty());
}

TEST_CASE(
    "an electronic social security card code is sent as its token for the service to resolve") {
  SessionHarness h;
  h.central.SetQueryAnswer("ssi_payment_details", PaymentAnswer());
  StartItem(h, kPaymentDetails);
  h.session->OnScan(Payload(devices::PayloadKind::kElectronicSocialSecurityCard, kZhangWeiToken));
  h.Settle();
  auto queries = h.central.Queries();
  REQUIRE(queries.size() == 1);
  CHECK(queries[0].request["identity"]["method"] == "e_social_security_qr");
  CHECK(queries[0].request["identity"]["token"] == kZhangWeiToken);
  CHECK_FALSE(queries[0].request["identity"].contains("ssn"));
}

TEST_CASE("a business licence code identifies the enterprise by its credit code") {
  SessionHarness h;
  h.central.SetQueryAnswer("ent_social_insurance", {{"query", "ent_social_insurance"},
                                                    {"region", "442000"},
                                                    {"record", {{"company_name", "测试企业"}}}});
  StartItem(h, kEnterpriseQuery);
  auto payload = Payload(devices::PayloadKind::kBusinessLicense,
                         "https://www.gdzwfw.gov.cn/ymtx/yyzz?uscc=91440300557193620Y&v=1");
  payload.credit_code = "91440300557193620Y";
  h.session->OnScan(payload);
  h.Settle();
  auto queries = h.central.Queries();
  REQUIRE(queries.size() == 1);
  CHECK(queries[0].request["identity"]["method"] == "business_license_qr");
  CHECK(queries[0].request["identity"]["credit_code"] == "91440300557193620Y");
}

TEST_CASE("refused codes, plain text and codes nobody asked for") {
  SessionHarness h;
  SECTION("a refused code names its reason for the citizen") {
    StartItem(h, kPaymentDetails);
    Error refused(ErrorCode::kInvalidData, "token has 5 characters", "bad_token");
    h.session->OnScan(std::unexpected(refused));
    REQUIRE(h.screen() == Screen::kNotice);
    CHECK(h.session->View().notice->title_key == "notice.scan_refused");
    CHECK(h.session->View().notice->advice_key == "scan.refused.bad_token");
    CHECK(h.texts.Has("scan.refused.bad_token"));
    h.session->Retry();
    CHECK(h.screen() == Screen::kIdentify);
  }
  SECTION("plain text identifies nobody") {
    StartItem(h, kPaymentDetails);
    h.session->OnScan(Payload(devices::PayloadKind::kText, "hello"));
    REQUIRE(h.screen() == Screen::kNotice);
    CHECK(h.session->View().notice->title_key == "notice.scan_not_identity");
  }
  SECTION("a code shown on another screen is ignored") {
    h.session->OnScan(Payload(devices::PayloadKind::kElectronicSocialSecurityCard, kZhangWeiToken));
    CHECK(h.screen() == Screen::kHome);
    CHECK(h.central.Queries().empty());
  }
  SECTION("a medical insurance code on an item that does not take it") {
    StartItem(h, kEnterpriseQuery);
    h.session->OnScan(Payload(devices::PayloadKind::kMedicalInsuranceCode,
                              "NHSA1:zwT5vX8zA2cE4gH7jK9mN1pQ3sU6wY8bD0fG2hJ4kL6n"));
    REQUIRE(h.screen() == Screen::kNotice);
    CHECK(h.session->View().notice->title_key == "notice.method_not_accepted");
  }
}

TEST_CASE("a broken device greys out what it blocks") {
  SessionHarness h;
  using devices::DeviceClass;
  using devices::DeviceState;
  SECTION("an item with another way left starts, and the broken way is marked") {
    h.session->OnDeviceReport(Report(DeviceClass::kCardReader, DeviceState::kNoDevice));
    StartItem(h, kPaymentDetails);
    auto view = h.session->View();
    CHECK(view.item_usable);
    REQUIRE(view.unusable_methods.size() == 1);
    CHECK(view.unusable_methods[0] == "social_security_card");
  }
  SECTION("an item whose only way is broken cannot start") {
    h.session->OnDeviceReport(Report(DeviceClass::kBarcodeReader, DeviceState::kNoDevice));
    h.session->SelectItem(kEnterpriseQuery);
    REQUIRE(h.screen() == Screen::kGuide);
    CHECK_FALSE(h.session->View().item_usable);
    h.session->Continue();
    CHECK(h.screen() == Screen::kGuide);
    // Plugged back in: the item starts.
    h.session->OnDeviceReport(Report(DeviceClass::kBarcodeReader, DeviceState::kOnline));
    CHECK(h.session->View().item_usable);
    h.session->Continue();
    CHECK(h.screen() == Screen::kIdentify);
  }
  SECTION("a citizen waiting on the only device that breaks is told") {
    StartItem(h, kEnterpriseQuery);
    h.session->OnDeviceReport(Report(DeviceClass::kBarcodeReader, DeviceState::kHardwareError));
    REQUIRE(h.screen() == Screen::kNotice);
    CHECK(h.session->View().notice->title_key == "notice.device_unavailable");
    CHECK_FALSE(h.session->View().notice->can_retry);
  }
  SECTION("a busy device is usable") {
    h.session->OnDeviceReport(Report(DeviceClass::kBarcodeReader, DeviceState::kBusy));
    h.session->SelectItem(kEnterpriseQuery);
    CHECK(h.session->View().item_usable);
  }
}

}  // namespace kiosk::testing

namespace kiosk::testing {

TEST_CASE("a card reported lost is refused with advice to use another way") {
  SessionHarness h;
  h.session->SelectItem(kRecordQuery);
  h.session->Continue();
  h.central.FailNextQuery(
      Error(ErrorCode::kServerRejected, "HTTP 403 card_reported_lost", "card_reported_lost"));
  h.reader.Insert(ShenzhenCard());
  h.Settle();
  REQUIRE(h.screen() == Screen::kNotice);
  CHECK(h.session->View().notice->title_key == "notice.card_reported_lost");
  CHECK_FALSE(h.session->View().notice->can_retry);
  CHECK(h.texts.Has("notice.card_reported_lost.advice"));
}

}  // namespace kiosk::testing

namespace kiosk::testing {

TEST_CASE("the guide warns before an item whose receipt the printer cannot print well") {
  SessionHarness h;
  using devices::DeviceClass;
  using devices::DeviceState;
  using devices::PaperState;
  auto printer = [](DeviceState state, PaperState paper) {
    devices::DeviceReport report = Report(DeviceClass::kReceiptPrinter, state);
    report.paper = paper;
    return report;
  };
  h.session->SelectItem(kPaymentDetails);  // Prints its details on a receipt.
  REQUIRE(h.screen() == Screen::kGuide);
  CHECK(h.session->View().receipt_warning == ReceiptWarning::kNone);

  h.session->OnDeviceReport(printer(DeviceState::kOnline, PaperState::kLow));
  CHECK(h.session->View().receipt_warning == ReceiptWarning::kPaperLow);
  h.session->OnDeviceReport(printer(DeviceState::kOnline, PaperState::kOut));
  CHECK(h.session->View().receipt_warning == ReceiptWarning::kCannotPrint);
  h.session->OnDeviceReport(printer(DeviceState::kNoDevice, PaperState::kUnknown));
  CHECK(h.session->View().receipt_warning == ReceiptWarning::kCannotPrint);
  // The item still starts: the citizen chose, knowing.
  CHECK(h.session->View().item_usable);
  h.session->Continue();
  CHECK(h.screen() == Screen::kIdentify);
  CHECK(h.session->View().receipt_warning == ReceiptWarning::kNone);  // Only on the guide.

  h.session->OnDeviceReport(printer(DeviceState::kOnline, PaperState::kFull));
  h.session->GoHome();
  h.session->SelectItem(kPaymentDetails);
  CHECK(h.session->View().receipt_warning == ReceiptWarning::kNone);
}

}  // namespace kiosk::testing
