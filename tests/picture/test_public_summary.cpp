// publicSummary() itself keeps the k rule: no count in 1..k−1 anywhere in it, and no hidden
// count recoverable as a published total minus the published parts, checked group by group
// against the coordinator view of the same picture.
#include "fixture.hpp"
#include "td/demo/generator.hpp"
#include "td/model/public_summary.hpp"
#include "td/picture/compute.hpp"
#include "td/picture/picture_json.hpp"
#include "td/picture/population.hpp"

#include <array>
#include <boost/json.hpp>
#include <catch2/catch.hpp>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <functional>
#include <map>
#include <set>
#include <sstream>

using namespace td;
using namespace td::picture;
namespace bj = boost::json;

namespace {

bool small(std::int64_t n, std::int64_t k) {
    return n > 0 && n < k;
}

// Every key whose number is a count of respondents, mentions, observations, topics or events.
const std::set<std::string> kCountKeys = {
    "answered",        "dont_know",    "count",     "respondents", "dialogue_topics",
    "survey_mentions", "observations", "dialogues", "people_met",  "walks"};

// Walks the whole document; `path` names where a failing number sits.
void checkCounts(const bj::value& v, std::int64_t k, const std::string& path, bool countsBelow,
                 std::size_t& seen) {
    if (v.is_object()) {
        for (const auto& [key, child] : v.as_object()) {
            const std::string name(key);
            const bool childCounts = kCountKeys.contains(name) || name == "times_of_day" ||
                                     name == "reasons" || (countsBelow && child.is_number());
            if (name == "cells" && child.is_array())
                for (const auto& cell : child.as_array()) {
                    INFO(path << ".cells.base");
                    ++seen;
                    CHECK(!small(cell.at("base").to_number<std::int64_t>(), k));
                }
            if (name == "unweighted" && child.is_object() &&
                path.find("previous") == std::string::npos) {
                // A published unweighted share with its base discloses negatives and the rest.
                const double base = child.at("base").to_number<double>();
                const auto neg = std::llround(child.at("share").to_number<double>() * base);
                INFO(path << ".unweighted: " << neg << " of " << base);
                ++seen;
                CHECK(!small(neg, k));
                CHECK(!small(std::llround(base) - neg, k));
            }
            if (childCounts && child.is_int64()) {
                INFO(path << "." << name << " = " << child.as_int64());
                ++seen;
                CHECK(!small(child.as_int64(), k));
            }
            checkCounts(child, k, path + "." + name, name == "times_of_day" || name == "reasons",
                        seen);
        }
    } else if (v.is_array()) {
        for (std::size_t i = 0; i < v.as_array().size(); ++i)
            checkCounts(v.as_array()[i], k, path + "[" + std::to_string(i) + "]", false, seen);
    }
}

// Hidden non-zero parts of a group whose total is published: none, or two or more adding up
// to at least k.
void checkGroup(const std::vector<std::int64_t>& hidden, std::int64_t k, const std::string& what) {
    std::int64_t sum = 0;
    for (auto h : hidden)
        sum += h;
    INFO(what << ": " << hidden.size() << " hidden, summing to " << sum);
    CHECK((hidden.empty() || (hidden.size() >= 2 && sum >= k)));
}

const bj::object* findById(const bj::array& list, std::string_view key, std::string_view id) {
    for (const auto& v : list)
        if (v.at(key).as_string() == id)
            return &v.as_object();
    return nullptr;
}

// The full picture's place of the same rank as the published place `pp`, or null.
const bj::object* fullPlace(const bj::value& fullDoc, const bj::value& pp) {
    for (const auto& f : fullDoc.at("places").as_array())
        if (f.at("rank") == pp.at("rank"))
            return &f.as_object();
    return nullptr;
}

std::size_t checkRecoverability(const bj::value& fullDoc, const bj::value& pubDoc, std::int64_t k) {
    std::size_t groups = 0;
    for (const auto& pq : pubDoc.at("questions").as_array()) {
        const auto& id = pq.at("id").as_string();
        const bj::object* fq = findById(fullDoc.at("questions").as_array(), "id", id);
        REQUIRE(fq);
        const bool multi = pq.at("type").as_string() == "multi";
        std::set<std::string> shown;
        if (pq.as_object().contains("distribution"))
            for (const auto& c : pq.at("distribution").as_array())
                shown.insert(std::string(c.at("id").as_string()));
        std::vector<std::int64_t> hiddenAll, hiddenCategories, hiddenNegative, hiddenRest;
        std::int64_t dkFull = 0;
        bool dkHidden = false;
        if (fq->contains("distribution"))
            for (const auto& c : fq->at("distribution").as_array()) {
                const auto n = c.at("count").as_int64();
                const bool isDk = c.at("id").as_string() == "vet_ej";
                if (isDk)
                    dkFull = n;
                if (shown.contains(std::string(c.at("id").as_string())) || n == 0)
                    continue;
                hiddenAll.push_back(n);
                if (isDk)
                    dkHidden = true;
                else
                    hiddenCategories.push_back(n);
                if (!isDk)
                    (c.at("negative").as_bool() ? hiddenNegative : hiddenRest).push_back(n);
            }
        const bool answeredShown = pq.as_object().contains("answered");
        const bool negativeShown = pq.as_object().contains("negative");
        if (answeredShown && !multi) {
            checkGroup(hiddenAll, k, std::string(id) + " distribution");
            ++groups;
        }
        if (negativeShown && !multi) {
            checkGroup(hiddenCategories, k, std::string(id) + " categories under the base");
            checkGroup(hiddenNegative, k, std::string(id) + " categories under the negatives");
            checkGroup(hiddenRest, k, std::string(id) + " categories under the rest");
            groups += 3;
        }
        if (answeredShown && multi && pq.as_object().contains("distribution"))
            for (const auto& c : pq.at("distribution").as_array()) {
                // Each option is a yes/no row over `answered`: the not-chosen count too.
                INFO(id << " option " << c.at("id").as_string() << " not chosen");
                CHECK(!small(pq.at("answered").as_int64() - c.at("count").as_int64(), k));
                ++groups;
            }
        if (dkFull > 0 && (dkHidden || !pq.as_object().contains("dont_know"))) {
            INFO(id << ": don't know is hidden but answered and the base are both shown");
            CHECK(!(answeredShown && negativeShown));
            CHECK(!pq.as_object().contains("dont_know"));
            ++groups;
        }
        if (!negativeShown)
            continue;
        const auto& pbs = pq.at("breakdowns").as_array();
        const auto& fbs = fq->at("breakdowns").as_array();
        REQUIRE(pbs.size() == fbs.size());
        for (std::size_t b = 0; b < pbs.size(); ++b) {
            // Bases add up to the shown base, negatives to the shown negative count.
            std::vector<std::int64_t> hidden, hiddenNeg, hiddenRestCells;
            for (const auto& c : fbs[b].at("cells").as_array()) {
                if (findById(pbs[b].at("cells").as_array(), "key", c.at("key").as_string()))
                    continue;
                const auto base = c.at("base").as_int64(), neg = c.at("negative").as_int64();
                if (base > 0)
                    hidden.push_back(base);
                if (neg > 0)
                    hiddenNeg.push_back(neg);
                if (base - neg > 0)
                    hiddenRestCells.push_back(base - neg);
            }
            const std::string what =
                std::string(id) + " breakdown " + std::string(pbs[b].at("dimension").as_string());
            checkGroup(hidden, k, what);
            checkGroup(hiddenNeg, k, what + " negatives");
            checkGroup(hiddenRestCells, k, what + " rest");
            groups += 3;
        }
    }
    // Places: times of day and reasons, each a row.
    for (const auto& pp : pubDoc.at("places").as_array()) {
        const bj::object* fp = fullPlace(fullDoc, pp);
        REQUIRE(fp);
        std::vector<std::int64_t> hiddenTimes, hiddenReasons;
        for (const auto& [t, n] : fp->at("times_of_day").as_object())
            if (n.as_int64() > 0 && pp.at("times_of_day").at(t).is_null())
                hiddenTimes.push_back(n.as_int64());
        for (const auto& [r, n] : fp->at("reasons").as_object())
            if (n.as_int64() > 0 && !pp.at("reasons").as_object().contains(r))
                hiddenReasons.push_back(n.as_int64());
        // Each counted over both components: with a component withheld, the whole row goes
        // (and no total is left to recover it from); otherwise each is a row of its own.
        if (pp.at("survey_mentions").is_null() || pp.at("observations").is_null()) {
            for (const auto& [t, n] : pp.at("times_of_day").as_object())
                CHECK(n.is_null());
            CHECK(pp.at("reasons").as_object().empty());
        } else {
            checkGroup(hiddenTimes, k, "place times of day");
            checkGroup(hiddenReasons, k, "place reasons");
        }
        // Survey mentions and observations: a row whose total the ranking narrows down.
        std::vector<std::int64_t> hiddenComponents;
        for (const char* key : {"survey_mentions", "observations"})
            if (pp.at(key).is_null() && fp->at(key).as_int64() > 0)
                hiddenComponents.push_back(fp->at(key).as_int64());
        checkGroup(hiddenComponents, k, "place survey mentions and observations");
        groups += 3;
    }
    // The observations total: the shown clusters' observations and the rest, which is never
    // shown; the rest alone may be recovered only when it is at least k.
    if (!pubDoc.at("observations").is_null()) {
        std::vector<std::int64_t> hidden;
        std::int64_t rest = fullDoc.at("observations").as_int64();
        for (const auto& pp : pubDoc.at("places").as_array()) {
            const bj::object* fp = fullPlace(fullDoc, pp);
            REQUIRE(fp);
            const auto n = fp->at("observations").as_int64();
            rest -= n;
            if (pp.at("observations").is_null() && n > 0)
                hidden.push_back(n);
        }
        if (hidden.empty()) {
            INFO("observations in no shown cluster: " << rest);
            CHECK(!small(rest, k));
        } else {
            if (rest > 0)
                hidden.push_back(rest);
            checkGroup(hidden, k, "observations over the shown clusters");
        }
        ++groups;
    }
    // Dialogue topics: one row over the focus areas.
    std::vector<std::int64_t> hiddenTopics;
    for (const auto& fa : fullDoc.at("focus_areas").as_array()) {
        const bj::object* pa =
            findById(pubDoc.at("focus_areas").as_array(), "area", fa.at("area").as_string());
        REQUIRE(pa);
        if (fa.at("dialogue_topics").as_int64() > 0 && !pa->contains("dialogue_topics"))
            hiddenTopics.push_back(fa.at("dialogue_topics").as_int64());
    }
    checkGroup(hiddenTopics, k, "dialogue topics");
    return groups + 1;
}

void checkPicture(const SituationPicture& p) {
    const bj::value full = toJson(p);
    const bj::value pub = publicSummary(p);
    std::size_t seen = 0;
    checkCounts(pub, p.minCell, "summary", false, seen);
    CHECK(seen > 0);
    CHECK(checkRecoverability(full, pub, p.minCell) > 0);
}

} // namespace

TEST_CASE("a crafted picture with small cells everywhere publishes none of them") {
    using fixture::Row;
    auto pop = loadPopulationTable(fixture::kPopulation);
    REQUIRE(pop.ok());
    PictureData data(*pop);
    REQUIRE(data.addSurvey(fixture::survey()).ok());
    REQUIRE(data.addCampaign(fixture::campaign("c2025", 2025)).ok());
    // 40 respondents: 2 say "vet ej" on q_trygg; 12 mention the same spot, 3 of them at night
    // and 2 of them because it is deserted.
    for (int i = 0; i < 40; ++i) {
        Row r;
        r.age = i % 2;
        r.locality = i < 3 ? 1 : (i % 2 == 0 ? 0 : 2);
        r.gender = i % 2;
        r.trygg = i < 2 ? -1 : 1 + i % 4;
        r.droger = 1 + (i / 3) % 4;
        r.sett = i < 3 ? 1 : 0;
        auto resp = fixture::response(r, "c2025", i + 1);
        if (i < 12) {
            model::PlaceEntry e;
            e.position = model::Position{64.2010 + 0.00001 * i, 19.7120};
            e.timesOfDay = {i < 3 ? model::TimeOfDay::Night : model::TimeOfDay::Evening};
            e.reasons = {i < 2 ? "deserted" : "dark"};
            resp.answers["q_plats"] = std::vector<model::PlaceEntry>{e};
        }
        REQUIRE(data.addResponse(resp).ok());
    }
    auto p = computePicture(data, fixture::only("c2025"));
    REQUIRE(p.ok());
    const bj::value full = toJson(*p);
    const bj::value pub = publicSummary(*p);
    // The crafted small cells are there in the coordinator view and gone from the public one.
    REQUIRE(full.at("places").as_array().size() == 1);
    CHECK(full.at("places").at(0).at("times_of_day").at("night").as_int64() == 3);
    CHECK(pub.at("places").at(0).at("times_of_day").at("night").is_null());
    CHECK(pub.at("places").at(0).at("times_of_day").at("evening").is_null());
    CHECK(full.at("places").at(0).at("reasons").at("deserted").as_int64() == 2);
    CHECK(pub.at("places").at(0).at("reasons").as_object().empty());
    const auto* trygg = findById(pub.at("questions").as_array(), "id", "q_trygg");
    REQUIRE(trygg);
    CHECK(!trygg->contains("dont_know"));
    CHECK(!(trygg->contains("answered") && trygg->contains("negative")));
    checkPicture(*p);
}

TEST_CASE("a negative category hidden alone under the shown negative count is completed") {
    auto pop = loadPopulationTable(fixture::kPopulation);
    REQUIRE(pop.ok());
    PictureData data(*pop);
    REQUIRE(data.addSurvey(fixture::survey()).ok());
    REQUIRE(data.addCampaign(fixture::campaign("c2025", 2025)).ok());
    // q_trygg: 20 × "1", 6 × "2", 2 × "3", 10 × "4" ("3" and "4" negative). The distribution
    // row hides "3" and then "2"; the negative count 12 = share × base would give "3" = 12 − 10.
    // q_problem (multi): 38 answer, 36 choose "x": 2 did not.
    const std::array<int, 4> counts{20, 6, 2, 10};
    int serial = 0;
    for (int value = 1; value <= 4; ++value)
        for (int i = 0; i < counts[static_cast<std::size_t>(value - 1)]; ++i) {
            fixture::Row r;
            r.age = serial % 2;
            r.locality = serial % 3;
            r.trygg = value;
            auto resp = fixture::response(r, "c2025", ++serial);
            std::vector<std::string> chosen{serial <= 36 ? "x" : "y"};
            if (serial % 2 == 1)
                chosen.push_back("z");
            resp.answers["q_problem"] = chosen;
            REQUIRE(data.addResponse(resp).ok());
        }
    auto p = computePicture(data, fixture::only("c2025"));
    REQUIRE(p.ok());
    const bj::value full = toJson(*p);
    const bj::value pub = publicSummary(*p);
    const auto* fullTrygg = findById(full.at("questions").as_array(), "id", "q_trygg");
    REQUIRE(fullTrygg);
    std::map<std::string, bool> suppressedInFull;
    for (const auto& c : fullTrygg->at("distribution").as_array())
        suppressedInFull[std::string(c.at("id").as_string())] = c.at("suppressed").as_bool();
    CHECK(suppressedInFull ==
          std::map<std::string, bool>{
              {"1", false}, {"2", true}, {"3", true}, {"4", false}, {"vet_ej", false}});
    CHECK(fullTrygg->at("negative").at("count").as_int64() == 12);
    const auto* trygg = findById(pub.at("questions").as_array(), "id", "q_trygg");
    REQUIRE(trygg);
    REQUIRE(trygg->contains("negative"));
    const auto& neg = trygg->at("negative").at("unweighted");
    CHECK(std::llround(neg.at("share").as_double() * neg.at("base").as_double()) == 12);
    std::set<std::string> shown;
    for (const auto& c : trygg->at("distribution").as_array())
        shown.insert(std::string(c.at("id").as_string()));
    // "4" goes with "3" (negatives), "1" with "2" (the rest).
    CHECK(!shown.contains("3"));
    CHECK(!shown.contains("4"));
    CHECK(!shown.contains("1"));
    CHECK(!shown.contains("2"));
    const auto* problem = findById(pub.at("questions").as_array(), "id", "q_problem");
    REQUIRE(problem);
    CHECK(problem->at("answered").as_int64() == 38);
    CHECK(!findById(problem->at("distribution").as_array(), "id", "x"));
    checkPicture(*p);
}

namespace {

model::Observation observationAt(const model::SafetyWalk& walk, int serial, model::Position at) {
    model::Observation o;
    char id[40];
    std::snprintf(id, sizeof id, "01890000-0000-7000-8000-%012d", 9000 + serial);
    o.id = id;
    o.walkId = walk.id;
    o.position = at;
    o.overallFeeling = 2;
    o.timeOfDay = model::TimeOfDay::Evening;
    return o;
}

} // namespace

TEST_CASE("place components and totals below k are null, and so is what would recover them") {
    auto pop = loadPopulationTable(fixture::kPopulation);
    REQUIRE(pop.ok());
    PictureData data(*pop);
    REQUIRE(data.addSurvey(fixture::survey()).ok());
    REQUIRE(data.addCampaign(fixture::campaign("c2025", 2025)).ok());
    // Spot A: 5 survey mentions and 2 walk observations; spot B, 2 km away: 10 and 6.
    const model::Position spotA{64.2010, 19.7120, 5.0}, spotB{64.2190, 19.7120, 5.0};
    for (int i = 0; i < 40; ++i) {
        fixture::Row r;
        r.age = i % 2;
        r.locality = i % 3;
        r.trygg = 1 + i % 4;
        auto resp = fixture::response(r, "c2025", i + 1);
        if (i < 15) {
            model::PlaceEntry e;
            e.position = i < 5 ? spotA : spotB;
            e.timesOfDay = {model::TimeOfDay::Evening};
            resp.answers["q_plats"] = std::vector<model::PlaceEntry>{e};
        }
        REQUIRE(data.addResponse(resp).ok());
    }
    // Each observation from a walk of its own: the k rule counts walks.
    std::vector<model::SafetyWalk> walks(8);
    for (int i = 0; i < 8; ++i) {
        walks[i].id = "01890000-0000-7000-8000-0000000000a" + std::to_string(i);
        walks[i].locality = "a";
        walks[i].date = "2025-09-18";
        data.addSafetyWalk(walks[i]);
        data.addObservation(observationAt(walks[i], i, i < 2 ? spotA : spotB));
    }
    model::Dialogue d;
    d.id = "01890000-0000-7000-8000-0000000000d1";
    d.locality = "a";
    d.startedAt = "2025-05-02T10:00:00Z";
    d.peopleMet = 3;
    data.addDialogue(d);

    auto p = computePicture(data, fixture::only("c2025"));
    REQUIRE(p.ok());
    const bj::value full = toJson(*p);
    const bj::value pub = publicSummary(*p);
    REQUIRE(full.at("places").as_array().size() == 2);
    const auto& fullA = full.at("places").at(1);
    CHECK(fullA.at("survey_mentions").as_int64() == 5);
    CHECK(fullA.at("observations").as_int64() == 2);
    REQUIRE(pub.at("places").as_array().size() == 2);
    const auto& pubA = pub.at("places").at(1);
    const auto& pubB = pub.at("places").at(0);
    // 2 of A's 7 are withheld, and with them the 5: the ranking between B (16) and nothing
    // bounds A's total.
    CHECK(pubA.at("observations").is_null());
    CHECK(pubA.at("survey_mentions").is_null());
    CHECK(pubB.at("survey_mentions").as_int64() == 10);
    CHECK(pubB.at("observations").as_int64() == 6);
    // The totals: 8 walks, 1 dialogue, 3 people met; 8 observations would give A's 2 as 8 − 6.
    CHECK(full.at("observations").as_int64() == 8);
    CHECK(full.at("walks").as_int64() == 8);
    CHECK(full.at("dialogues").as_int64() == 1);
    CHECK(full.at("people_met").as_int64() == 3);
    CHECK(pub.at("observations").is_null());
    CHECK(pub.at("walks").as_int64() == 8);
    CHECK(pub.at("dialogues").is_null());
    CHECK(pub.at("people_met").is_null());
    checkPicture(*p);

    // Without spot A's observations the total is 6, all of them in B: shown.
    PictureData fewer(*pop);
    REQUIRE(fewer.addSurvey(fixture::survey()).ok());
    REQUIRE(fewer.addCampaign(fixture::campaign("c2025", 2025)).ok());
    for (int i = 2; i < 8; ++i) {
        fewer.addSafetyWalk(walks[i]);
        fewer.addObservation(observationAt(walks[i], i, spotB));
    }
    auto q = computePicture(fewer, fixture::only("c2025"));
    REQUIRE(q.ok());
    const bj::value qpub = publicSummary(*q);
    CHECK(qpub.at("observations").as_int64() == 6);
    CHECK(qpub.at("places").at(0).at("observations").as_int64() == 6);
    CHECK(qpub.at("places").at(0).at("survey_mentions").as_int64() == 0);
    // Two more observations in no cluster: 8 − 6 would show them.
    fewer.addObservation(observationAt(walks[2], 100, {64.1, 19.5, 5.0}));
    fewer.addObservation(observationAt(walks[3], 101, {64.3, 19.9, 5.0}));
    auto r = computePicture(fewer, fixture::only("c2025"));
    REQUIRE(r.ok());
    CHECK(toJson(*r).at("observations").as_int64() == 8);
    CHECK(publicSummary(*r).at("observations").is_null());
    checkPicture(*r);
}

TEST_CASE("the record codec takes withheld place components and totals; the validator refuses "
          "small ones") {
    const bj::value pub = [] {
        auto pop = loadPopulationTable(fixture::kPopulation);
        REQUIRE(pop.ok());
        PictureData data(*pop);
        REQUIRE(data.addSurvey(fixture::survey()).ok());
        REQUIRE(data.addCampaign(fixture::campaign("c2025", 2025)).ok());
        for (int i = 0; i < 12; ++i) {
            fixture::Row r;
            r.trygg = 1 + i % 4;
            auto resp = fixture::response(r, "c2025", i + 1);
            model::PlaceEntry e;
            e.position = model::Position{64.2010, 19.7120, 5.0};
            resp.answers["q_plats"] = std::vector<model::PlaceEntry>{e};
            REQUIRE(data.addResponse(resp).ok());
        }
        auto p = computePicture(data, fixture::only("c2025"));
        REQUIRE(p.ok());
        return publicSummary(*p);
    }();
    auto summary = model::decode<model::PictureSummary>(pub);
    REQUIRE(summary.ok());
    // No walk, no dialogue: the zero totals are shown, not withheld.
    CHECK(summary->walks == std::optional<std::int64_t>{0});
    REQUIRE(summary->places.size() == 1);
    CHECK(summary->places[0].surveyMentions == std::optional<std::int64_t>{12});
    model::PublicSummary record;
    record.id = "c2025";
    record.title = {"Enkät", "Survey"};
    record.publishedAt = "2025-06-30T12:00:00.000Z";
    record.k = 5;
    record.summary = *summary;
    CHECK(model::validatePublicSummary(record).empty());

    // Null and absent both decode as withheld, and encode back as null.
    bj::value doc = model::encode(record);
    bj::object& s = doc.at("summary").as_object();
    s["walks"] = nullptr;
    s.erase("people_met");
    s["places"].at(0).as_object()["survey_mentions"] = nullptr;
    s["places"].at(0).as_object()["observations"] = nullptr;
    auto withheld = model::decode<model::PublicSummary>(doc);
    REQUIRE(withheld.ok());
    CHECK(!withheld->summary.walks);
    CHECK(!withheld->summary.peopleMet);
    CHECK(!withheld->summary.places[0].surveyMentions);
    CHECK(model::validatePublicSummary(*withheld).empty());
    CHECK(model::encode(*withheld).at("summary").at("people_met").is_null());

    // A crafted "survey_mentions": 2 (with observations 10) is refused, and so is a walk count
    // of 3.
    s["places"].at(0).as_object()["survey_mentions"] = 2;
    s["places"].at(0).as_object()["observations"] = 10;
    s["walks"] = 3;
    auto crafted = model::decode<model::PublicSummary>(doc);
    REQUIRE(crafted.ok());
    std::set<std::pair<std::string, std::string>> issues;
    for (const auto& issue : model::validatePublicSummary(*crafted))
        issues.emplace(issue.path, issue.code);
    CHECK(issues == std::set<std::pair<std::string, std::string>>{
                        {"summary.places[0].survey_mentions", "below_min_cell"},
                        {"summary.walks", "below_min_cell"}});
    // Withholding the 2 takes the 10 with it.
    model::withholdSmallCounts(crafted->summary, crafted->k);
    CHECK(!crafted->summary.places[0].surveyMentions);
    CHECK(!crafted->summary.places[0].observations);
    CHECK(!crafted->summary.walks);
    CHECK(model::validatePublicSummary(*crafted).empty());
    // One component shown with the other withheld is refused on its own.
    crafted->summary.places[0].observations = 10;
    REQUIRE(model::validatePublicSummary(*crafted).size() == 1);
    CHECK(model::validatePublicSummary(*crafted).front().code == "recoverable");

    // A severity beside withheld observations, and times of day or reasons beside a withheld
    // component, are refused; withholding takes them away.
    crafted->summary.places[0].surveyMentions = 12;
    crafted->summary.places[0].observations.reset();
    crafted->summary.places[0].surveyMentions.reset();
    crafted->summary.places[0].severity = 0.7;
    crafted->summary.places[0].timesOfDay[3] = 9;
    crafted->summary.places[0].reasons = {{"dark", 6}};
    issues.clear();
    for (const auto& issue : model::validatePublicSummary(*crafted))
        issues.emplace(issue.path, issue.code);
    CHECK(issues ==
          std::set<std::pair<std::string, std::string>>{
              {"summary.places[0].severity", "recoverable"}, {"summary.places[0]", "recoverable"}});
    model::withholdSmallCounts(crafted->summary, crafted->k);
    CHECK(!crafted->summary.places[0].severity);
    CHECK(!crafted->summary.places[0].timesOfDay[3]);
    CHECK(crafted->summary.places[0].reasons.empty());
    CHECK(model::validatePublicSummary(*crafted).empty());
}

TEST_CASE("the calibrated method's fields round-trip; a summary published before them decodes") {
    auto options = demo::loadDemoOptions(std::string(TD_SOURCE_DIR) + "/shared/content",
                                         std::string(TD_REFERENCE_DATA_DIR) + "/vindeln.json");
    REQUIRE(options);
    const demo::DemoData demo = demo::generate(20251125, *options);
    PictureData data(fixture::vindelnPopulation());
    for (const auto& s : demo.surveys)
        REQUIRE(data.addSurvey(s).ok());
    for (const auto& c : demo.campaigns)
        REQUIRE(data.addCampaign(c).ok());
    for (const auto& r : demo.responses)
        REQUIRE(data.addResponse(r).ok());
    PictureFilter f = fixture::only("trygghetsenkat_2025");
    f.compareToCampaignId = "trygghetsenkat_2022";
    auto p = computePicture(data, f);
    REQUIRE(p.ok());
    const bj::value pub = publicSummary(*p);
    auto summary = model::decode<model::PictureSummary>(pub);
    REQUIRE(summary.ok());
    CHECK(bj::serialize(model::encode(*summary)) == bj::serialize(pub));
    CHECK(summary->campaignYear == std::optional<std::int64_t>{2025});
    CHECK(summary->weighting.method == std::optional<std::string>{"raking"});
    REQUIRE(summary->weighting.margins.size() == 2);
    CHECK(summary->weighting.margins[0].year == 2023);
    REQUIRE(summary->ranking);
    CHECK(summary->ranking->replicates == 1000);
    bool rankInterval = false, adjusted = false, nonSubstantive = false;
    for (const auto& a : summary->focusAreas)
        rankInterval = rankInterval || a.rankInterval.has_value();
    for (const auto& q : summary->questions) {
        adjusted = adjusted || (q.trend && q.trend->pAdjusted);
        nonSubstantive = nonSubstantive || (q.nonSubstantive && *q.nonSubstantive > 0);
    }
    CHECK(rankInterval);
    CHECK(adjusted);
    CHECK(nonSubstantive);

    // What was published with the post-stratified method: no standard errors, no adjusted
    // p-values, no margins, its age bands' schemes.
    bj::value old = pub;
    bj::object& o = old.as_object();
    for (const char* key : {"campaign_year", "compare_year", "significance_level", "ranking"})
        o.erase(key);
    bj::object& w = o["weighting"].as_object();
    for (const char* key : {"method", "bounds", "converged", "margins"})
        w.erase(key);
    w["age_bands"] = bj::array{bj::object{{"age_band", "16-24"}, {"scheme", "cell"}}};
    std::function<void(bj::value&)> strip = [&](bj::value& v) {
        if (v.is_object()) {
            for (const char* key :
                 {"se", "p_adjusted", "non_substantive", "rank_interval", "indistinguishable_from",
                  "score", "experience_questions", "weighted_mean_se", "weighted_mean_ci_low",
                  "weighted_mean_ci_high"})
                v.as_object().erase(key);
            for (auto& [key, child] : v.as_object())
                strip(child);
        } else if (v.is_array()) {
            for (auto& child : v.as_array())
                strip(child);
        }
    };
    strip(old);
    auto decoded = model::decode<model::PictureSummary>(old);
    REQUIRE(decoded.ok());
    CHECK(decoded->weighting.ageBands.size() == 1);
    CHECK_FALSE(decoded->ranking);
}

TEST_CASE("the demo data's public summaries keep the k rule, for every campaign") {
    auto options = demo::loadDemoOptions(std::string(TD_SOURCE_DIR) + "/shared/content",
                                         std::string(TD_REFERENCE_DATA_DIR) + "/vindeln.json");
    REQUIRE(options);
    const demo::DemoData demo = demo::generate(7, *options);
    PictureData data(fixture::vindelnPopulation());
    data.setPlaces(demo.places);
    for (const auto& s : demo.surveys)
        REQUIRE(data.addSurvey(s).ok());
    for (const auto& c : demo.campaigns)
        REQUIRE(data.addCampaign(c).ok());
    for (const auto& r : demo.responses)
        (void)data.addResponse(r);
    for (const auto& d : demo.dialogues)
        data.addDialogue(d);
    for (const auto& w : demo.walks)
        data.addSafetyWalk(w);
    for (const auto& o : demo.observations)
        data.addObservation(o);
    std::size_t pictures = 0;
    for (const auto& c : demo.campaigns) {
        INFO(c.id);
        auto p = computePicture(data, fixture::only(c.id));
        if (!p)
            continue;
        checkPicture(*p);
        ++pictures;
        // With a locality filter the cells are small, which is where the rule matters most.
        for (const char* locality : {"vindeln", "hallnas", "amsele"}) {
            auto f = fixture::only(c.id);
            f.locality = locality;
            auto lp = computePicture(data, f);
            if (lp) {
                checkPicture(*lp);
                ++pictures;
            }
        }
    }
    CHECK(pictures >= 4);
}
