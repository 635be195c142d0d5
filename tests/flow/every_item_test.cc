// Every shipped item, walked by every test citizen (and test enterprise)
// it accepts, through the engine and the reference central service: each
// walk must end in a result shown, a submission queued, or a clear answer
// (a refusal worded by the catalog, "no record of you") — never a service
// error or a screen the citizen cannot leave.

#include <catch2/catch.hpp>
#include <map>
#include <string_view>

#include "tests/flow/flow_harness.h"

namespace kiosk::testing {
namespace {

const char* const kPersonMethods[] = {"social_security_card", "id_card", "e_social_security_qr",
                                      "medical_insurance_qr"};

// The way `who` identifies for `item`, or nullopt if the item is not for them.
std::optional<Citizen> IdentifyAs(const ServiceItem& item, const Citizen& who) {
  if (who.presented && who.presented->IsEnterprise()) {
    if (!item.Accepts("business_license_qr")) return std::nullopt;
    return who;
  }
  if (who.card && item.Accepts("social_security_card")) return who;
  // A person without a card to insert (lost, never applied for) uses the
  // other ways a person identifies.
  for (const char* method : kPersonMethods) {
    if (!item.Accepts(method) || std::string_view(method) == "social_security_card") continue;
    Identity identity;
    identity.method = method;
    identity.name = who.card ? who.card->name : who.presented->name;
    identity.id_number = who.card ? who.card->ssn : who.presented->id_number;
    return Citizen{who.id, std::nullopt, identity};
  }
  return std::nullopt;
}

}  // namespace

TEST_CASE("every shipped item ends in a result, a queued submission or a clear refusal") {
  FlowHarness harness;
  const auto citizens = FlowHarness::Citizens();
  std::map<Outcome, int> totals;
  int items_with_success = 0;
  int submissions = 0;
  std::vector<std::string> never_succeeds;
  for (const ServiceItem& item : harness.catalog.Items()) {
    bool walked = false;
    bool succeeded = false;
    for (const Citizen& citizen : citizens) {
      auto as = IdentifyAs(item, citizen);
      if (!as) continue;
      walked = true;
      const WalkResult walk = harness.Walk(item.id, *as);
      INFO(item.id << " by " << citizen.id << ": " << ToString(walk.outcome) << " " << walk.detail);
      CHECK(walk.outcome != Outcome::kFailed);
      CHECK(walk.outcome != Outcome::kNotAccepted);
      CHECK(harness.session->CurrentScreen() == Screen::kHome);
      ++totals[walk.outcome];
      submissions += walk.submissions;
      if (walk.outcome == Outcome::kShown || walk.outcome == Outcome::kQueued) {
        succeeded = true;
        // Every flow that got this far printed its paper (a bundle, one per sub-item).
        CHECK(walk.printed >= 1);
      }
    }
    INFO(item.id);
    CHECK(walked);  // Some test identity can use every item.
    if (succeeded) {
      ++items_with_success;
    } else {
      never_succeeds.push_back(item.id);
    }
  }
  std::string summary;
  for (const auto& [outcome, count] : totals) {
    summary += std::string(ToString(outcome)) + "=" + std::to_string(count) + " ";
  }
  std::string refused_only;
  for (const auto& id : never_succeeds) refused_only += id + " ";
  WARN("walks: " << summary << "; items with a successful walk: " << items_with_success << "/"
                 << harness.catalog.Items().size() << "; only refusals: " << refused_only);
  CHECK(harness.catalog.Items().size() >= 115);
  // Most items must have a positive path in the test data; the rest refuse
  // every test citizen for a stated reason (e.g. nobody is of retirement age).
  CHECK(items_with_success * 10 >= static_cast<int>(harness.catalog.Items().size()) * 9);

  // What the citizens were told was accepted is in the durable queue, once each.
  auto counts = harness.outbox->Counts();
  REQUIRE(counts);
  int queued_submissions = 0;
  auto rows = harness.outbox->List(std::nullopt);
  REQUIRE(rows);
  for (const auto& row : *rows) {
    if (row.kind != "service_rating") ++queued_submissions;
  }
  CHECK(queued_submissions == submissions);

  // The reference central service accepts every one of them as it is queued.
  for (const auto& row : *rows) {
    auto sent = harness.client->Submit(row.region, row.idempotency_key, row.body_json);
    INFO(row.item_id << " " << (sent ? std::string("ok") : sent.error().Describe()));
    CHECK(sent);
  }
}

}  // namespace kiosk::testing
