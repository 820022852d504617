// publicSummary() itself keeps the k rule: no count in 1..k−1 anywhere in it, and no hidden
// count recoverable as a published total minus the published parts, checked group by group
// against the coordinator view of the same picture.
#include "fixture.hpp"
#include "td/demo/generator.hpp"
#include "td/picture/compute.hpp"
#include "td/picture/picture_json.hpp"
#include "td/picture/population.hpp"

#include <boost/json.hpp>
#include <catch2/catch.hpp>
#include <cmath>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

using namespace td;
using namespace td::picture;
namespace json = boost::json;

namespace {

bool small(std::int64_t n, std::int64_t k) {
    return n > 0 && n < k;
}

// Every key whose number is a count of respondents, mentions or topics.
const std::set<std::string> kCountKeys = {"answered", "dont_know", "count", "respondents",
                                          "dialogue_topics"};

// Walks the whole document; `path` names where a failing number sits.
void checkCounts(const json::value& v, std::int64_t k, const std::string& path, bool countsBelow,
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

const json::object* findById(const json::array& list, std::string_view key, std::string_view id) {
    for (const auto& v : list)
        if (v.at(key).as_string() == id)
            return &v.as_object();
    return nullptr;
}

std::size_t checkRecoverability(const json::value& fullDoc, const json::value& pubDoc,
                                std::int64_t k) {
    std::size_t groups = 0;
    for (const auto& pq : pubDoc.at("questions").as_array()) {
        const auto& id = pq.at("id").as_string();
        const json::object* fq = findById(fullDoc.at("questions").as_array(), "id", id);
        REQUIRE(fq);
        const bool multi = pq.at("type").as_string() == "multi";
        std::set<std::string> shown;
        if (pq.as_object().contains("distribution"))
            for (const auto& c : pq.at("distribution").as_array())
                shown.insert(std::string(c.at("id").as_string()));
        std::vector<std::int64_t> hiddenAll, hiddenCategories;
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
            }
        const bool answeredShown = pq.as_object().contains("answered");
        const bool negativeShown = pq.as_object().contains("negative");
        if (answeredShown && !multi) {
            checkGroup(hiddenAll, k, std::string(id) + " distribution");
            ++groups;
        }
        if (negativeShown && !multi) {
            checkGroup(hiddenCategories, k, std::string(id) + " categories under the base");
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
            std::vector<std::int64_t> hidden;
            for (const auto& c : fbs[b].at("cells").as_array())
                if (c.at("base").as_int64() > 0 &&
                    !findById(pbs[b].at("cells").as_array(), "key", c.at("key").as_string()))
                    hidden.push_back(c.at("base").as_int64());
            checkGroup(hidden, k,
                       std::string(id) + " breakdown " +
                           std::string(pbs[b].at("dimension").as_string()));
            ++groups;
        }
    }
    // Places: times of day and reasons, each a row.
    for (const auto& pp : pubDoc.at("places").as_array()) {
        const json::object* fp = nullptr;
        for (const auto& f : fullDoc.at("places").as_array())
            if (f.at("rank") == pp.at("rank"))
                fp = &f.as_object();
        REQUIRE(fp);
        std::vector<std::int64_t> hiddenTimes, hiddenReasons;
        for (const auto& [t, n] : fp->at("times_of_day").as_object())
            if (n.as_int64() > 0 && pp.at("times_of_day").at(t).is_null())
                hiddenTimes.push_back(n.as_int64());
        for (const auto& [r, n] : fp->at("reasons").as_object())
            if (n.as_int64() > 0 && !pp.at("reasons").as_object().contains(r))
                hiddenReasons.push_back(n.as_int64());
        checkGroup(hiddenTimes, k, "place times of day");
        checkGroup(hiddenReasons, k, "place reasons");
        groups += 2;
    }
    // Dialogue topics: one row over the focus areas.
    std::vector<std::int64_t> hiddenTopics;
    for (const auto& fa : fullDoc.at("focus_areas").as_array()) {
        const json::object* pa =
            findById(pubDoc.at("focus_areas").as_array(), "area", fa.at("area").as_string());
        REQUIRE(pa);
        if (fa.at("dialogue_topics").as_int64() > 0 && !pa->contains("dialogue_topics"))
            hiddenTopics.push_back(fa.at("dialogue_topics").as_int64());
    }
    checkGroup(hiddenTopics, k, "dialogue topics");
    return groups + 1;
}

void checkPicture(const SituationPicture& p) {
    const json::value full = toJson(p);
    const json::value pub = publicSummary(p);
    std::size_t seen = 0;
    checkCounts(pub, p.minCell, "summary", false, seen);
    CHECK(seen > 0);
    CHECK(checkRecoverability(full, pub, p.minCell) > 0);
}

PopulationTable vindelnPopulation() {
    std::ifstream in(std::string(TD_REFERENCE_DATA_DIR) + "/vindeln.json");
    std::stringstream text;
    text << in.rdbuf();
    auto pop = loadPopulationTable(text.str());
    REQUIRE(pop.ok());
    return std::move(*pop);
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
    const json::value full = toJson(*p);
    const json::value pub = publicSummary(*p);
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

TEST_CASE("the demo data's public summaries keep the k rule, for every campaign") {
    auto options = demo::loadDemoOptions(std::string(TD_SOURCE_DIR) + "/shared/content",
                                         std::string(TD_REFERENCE_DATA_DIR) + "/vindeln.json");
    REQUIRE(options);
    const demo::DemoData demo = demo::generate(7, *options);
    PictureData data(vindelnPopulation());
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
