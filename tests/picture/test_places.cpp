#include "fixture.hpp"
#include "td/picture/cluster.hpp"
#include "td/picture/compute.hpp"
#include "td/picture/picture_json.hpp"

#include <catch2/catch.hpp>
#include <map>
#include <set>

using namespace td::picture;
using namespace td;

namespace {

model::Place place(std::string id, std::string name, double lat, double lon) {
    model::Place p;
    p.id = std::move(id);
    p.name = std::move(name);
    p.locality = "a";
    p.lat = lat;
    p.lon = lon;
    p.kind = "park";
    return p;
}

model::PlaceEntry entry(std::optional<std::string> id, std::optional<model::Position> pos,
                        std::optional<std::string> text, std::vector<std::string> reasons) {
    model::PlaceEntry e;
    e.placeId = std::move(id);
    e.position = pos;
    e.description = std::move(text);
    e.timesOfDay = {model::TimeOfDay::Night};
    e.reasons = std::move(reasons);
    return e;
}

} // namespace

TEST_CASE("Unsafe places: registry, positions, descriptions and walk observations") {
    auto pop = loadPopulationTable(fixture::kPopulation);
    REQUIRE(pop.ok());
    PictureData data(*pop);
    data.setPlaces({place("parken", "Parken", 64.2, 19.7), place("torget", "Torget", 64.21, 19.7)});
    REQUIRE(data.addSurvey(fixture::survey()).ok());
    REQUIRE(data.addCampaign(fixture::campaign("c2025", 2025)).ok());
    // ~60 m north of Parken, and a point 5 km away.
    const model::Position near{64.2 + 60.0 / 111195.0, 19.7, 10.0};
    const model::Position far{64.245, 19.7, 10.0};
    std::vector<std::vector<model::PlaceEntry>> answers{
        {entry("parken", {}, {}, {"dark"})},
        {entry("parken", {}, {}, {"dark", "deserted"})},
        {entry("parken", {}, {}, {})},
        {entry({}, near, {}, {"dark"}), entry({}, {}, "Tunneln ", {})},
        {entry({}, far, {}, {}), entry({}, {}, "tunneln", {})},
        {entry("torget", {}, {}, {"deserted"})},
    };
    int serial = 0;
    for (const auto& a : answers) {
        fixture::Row row;
        row.age = 0;
        row.locality = 0;
        auto r = fixture::response(row, "c2025", ++serial);
        r.answers["q_plats"] = a;
        REQUIRE(data.addResponse(r).ok());
    }
    model::SafetyWalk walk;
    walk.id = "01890000-0000-7000-8000-0000000000aa";
    walk.locality = "a";
    walk.date = "2025-09-18";
    data.addSafetyWalk(walk);
    model::Observation o;
    o.id = "01890000-0000-7000-8000-0000000000ab";
    o.walkId = walk.id;
    o.position = {64.2, 19.7, 5.0};
    o.placeId = "parken";
    o.ratings = {{"lighting", 3}, {"vegetation", 1}, {"orientation", std::nullopt}};
    o.overallFeeling = 2;
    o.timeOfDay = model::TimeOfDay::Evening;
    data.addObservation(o);
    model::Observation old = o;
    old.walkId = "unknown-walk";
    data.addObservation(old);

    PictureOptions opt;
    opt.clusterMinPoints = 3;
    auto p = computePicture(data, fixture::only("c2025"), opt);
    REQUIRE(p.ok());
    CHECK(p->observations == 1);
    CHECK(p->walks == 1);
    // Parken cluster: 3 registry mentions + 1 position 60 m away + 1 observation.
    // Torget is 1.1 km away with 1 mention (noise), the far point too.
    REQUIRE(p->places.size() == 1);
    const PlaceCluster& c = p->places[0];
    CHECK(c.rank == 1);
    CHECK(c.placeId == "parken");
    CHECK(c.placeName == "Parken");
    CHECK(c.surveyMentions == 4);
    CHECK(c.observations == 1);
    CHECK(c.timesOfDay[3] == 4);
    CHECK(c.timesOfDay[2] == 1);
    // Severity: ratings (3 + 1)/2 / 3 = 2/3, feeling (5 − 2)/4 = 3/4 → mean 17/24.
    REQUIRE(c.severity);
    CHECK(*c.severity == Approx(17.0 / 24.0));
    REQUIRE(c.reasons.size() == 3);
    CHECK(c.reasons[0] == std::pair<std::string, std::int64_t>{"dark", 3});
    CHECK_FALSE(c.suppressed); // 4 + 1 = k
    CHECK(p->unclusteredMentions == 2);
    REQUIRE(p->unlocated.size() == 1);
    CHECK(p->unlocated[0].text == "tunneln");
    CHECK(p->unlocated[0].count == 2);
    // The cluster centroid is the mention-weighted mean of its coordinates.
    CHECK(c.lat == Approx(64.2 + 60.0 / 111195.0 / 5.0));

    SECTION("a wider radius merges Torget in") {
        opt.clusterRadiusM = 1500;
        auto wide = computePicture(data, fixture::only("c2025"), opt);
        REQUIRE(wide.ok());
        REQUIRE(wide->places.size() == 1);
        CHECK(wide->places[0].surveyMentions == 5);
        CHECK(wide->places[0].placeId == "parken");
    }
}

TEST_CASE("Unsafe places: the k rule counts distinct respondents and walks, not mentions") {
    auto pop = loadPopulationTable(fixture::kPopulation);
    REQUIRE(pop.ok());
    PictureData data(*pop);
    data.setPlaces({place("parken", "Parken", 64.2, 19.7)});
    REQUIRE(data.addSurvey(fixture::survey()).ok());
    REQUIRE(data.addCampaign(fixture::campaign("c2025", 2025)).ok());
    const model::Position near{64.2 + 30.0 / 111195.0, 19.7, 10.0};
    // Three residents, each naming Parken twice (by registry and by a position 30 m off):
    // six mentions from three people.
    int serial = 0;
    auto addResident = [&](int mentions) {
        fixture::Row row;
        row.age = serial % 2;
        row.locality = 0;
        auto r = fixture::response(row, "c2025", ++serial);
        std::vector<model::PlaceEntry> entries;
        for (int i = 0; i < mentions; ++i)
            entries.push_back(i % 2 == 0 ? entry("parken", {}, {}, {"dark"})
                                         : entry({}, near, {}, {"deserted"}));
        r.answers["q_plats"] = entries;
        REQUIRE(data.addResponse(r).ok());
    };
    for (int i = 0; i < 3; ++i)
        addResident(2);
    // One walk with three observations there.
    model::SafetyWalk walk;
    walk.id = "01890000-0000-7000-8000-0000000000c1";
    walk.locality = "a";
    walk.date = "2025-09-18";
    data.addSafetyWalk(walk);
    auto observe = [&](const std::string& walkId, const std::string& id, int rating) {
        model::Observation o;
        o.id = id;
        o.walkId = walkId;
        o.position = {64.2, 19.7, 5.0};
        o.placeId = "parken";
        o.ratings = {{"lighting", rating}};
        o.overallFeeling = rating == 3 ? 1 : 2;
        o.timeOfDay = model::TimeOfDay::Evening;
        data.addObservation(o);
    };
    for (int i = 0; i < 3; ++i)
        observe(walk.id, "01890000-0000-7000-8000-0000000000d" + std::to_string(i), 3);

    PictureOptions opt;
    opt.minCell = 5;
    auto p = computePicture(data, fixture::only("c2025"), opt);
    REQUIRE(p.ok());
    REQUIRE(p->places.size() == 1);
    // Nine mentions and observations, but only three people and one walk: 4 < k.
    CHECK(p->places[0].surveyMentions == 6);
    CHECK(p->places[0].observations == 3);
    CHECK(p->places[0].respondents == 3);
    CHECK(p->places[0].walks == 1);
    CHECK(p->places[0].suppressed);
    CHECK(publicSummary(*p).at("places").as_array().empty());
    CHECK(publicSummary(*p).at("walks").is_null());
    const auto full = toJson(*p);
    CHECK(full.at("places").at(0).at("respondents").as_int64() == 3);
    CHECK(full.at("places").at(0).at("walks").as_int64() == 1);

    SECTION("a fifth person shows the cluster, but not what rests on one walk") {
        addResident(1);
        auto q = computePicture(data, fixture::only("c2025"), opt);
        REQUIRE(q.ok());
        REQUIRE(q->places.size() == 1);
        CHECK(q->places[0].respondents == 4);
        CHECK_FALSE(q->places[0].suppressed);
        REQUIRE(q->places[0].severity);
        const auto pub = publicSummary(*q);
        REQUIRE(pub.at("places").as_array().size() == 1);
        const auto& pp = pub.at("places").at(0).as_object();
        // Seven survey mentions (≥ k) from four residents, three observations from one walk:
        // both are withheld, and so are the severity (from the observations only) and the
        // times of day and reasons counted over them.
        CHECK(pp.at("survey_mentions").is_null());
        CHECK(pp.at("observations").is_null());
        CHECK(pp.at("severity").is_null());
        for (const auto& [t, n] : pp.at("times_of_day").as_object())
            CHECK(n.is_null());
        CHECK(pp.at("reasons").as_object().empty());
        // The coordinator sees everything.
        const auto fq = toJson(*q);
        CHECK(fq.at("places").at(0).at("severity").is_double());
        CHECK(fq.at("places").at(0).at("survey_mentions").as_int64() == 7);
    }

    SECTION("enough residents and walks publish the counts, the severity and the rows") {
        for (int i = 0; i < 3; ++i)
            addResident(2);
        for (int w = 0; w < 4; ++w) {
            model::SafetyWalk more = walk;
            more.id = "01890000-0000-7000-8000-0000000000e" + std::to_string(w);
            data.addSafetyWalk(more);
            observe(more.id, "01890000-0000-7000-8000-0000000000f" + std::to_string(w), 2);
        }
        auto q = computePicture(data, fixture::only("c2025"), opt);
        REQUIRE(q.ok());
        REQUIRE(q->places.size() == 1);
        CHECK(q->places[0].respondents == 6);
        CHECK(q->places[0].walks == 5);
        const auto pub = publicSummary(*q);
        REQUIRE(pub.at("places").as_array().size() == 1);
        const auto& pp = pub.at("places").at(0).as_object();
        CHECK(pp.at("survey_mentions").as_int64() == 12);
        CHECK(pp.at("observations").as_int64() == 7);
        CHECK(pp.at("severity").is_double());
        CHECK(pp.at("times_of_day").at("evening").as_int64() == 7);
    }
}

TEST_CASE("Focus areas: the concern score from worry items; experience, dialogues and "
          "indicators beside") {
    auto pop = loadPopulationTable(fixture::kPopulation);
    REQUIRE(pop.ok());
    PictureData data(*pop);
    REQUIRE(data.addSurvey(fixture::survey()).ok());
    REQUIRE(data.addCampaign(fixture::campaign("c2025", 2025)).ok());
    int serial = 0;
    // Four per (age, locality) cell. Rows with i % 4 == 0 (all aged 16-39) answer drugs 1 and
    // "seen" yes: 16-39 is half negative on drugs, 40+ all. Weighted by age population
    // 300 : 500 → drugs (150 + 500) / 800. Traffic's only item is "seen", an experience item:
    // no score.
    for (int i = 0; i < 24; ++i) {
        fixture::Row r;
        r.age = i % 2;
        r.locality = (i / 2) % 3;
        r.droger = i % 4 == 0 ? 1 : 4;
        r.sett = i % 4 == 0 ? 1 : 0;
        REQUIRE(data.addResponse(fixture::response(r, "c2025", ++serial)).ok());
    }
    model::Dialogue d;
    d.id = "01890000-0000-7000-8000-0000000000d1";
    d.locality = "a";
    d.startedAt = "2025-05-02T10:00:00Z";
    d.peopleMet = 14;
    d.topics = {{model::FocusArea::Traffic, 9, std::nullopt},
                {model::FocusArea::Drugs, 2, std::string("note")}};
    data.addDialogue(d);
    model::Dialogue other = d;
    other.startedAt = "2022-05-02T10:00:00Z";
    data.addDialogue(other);
    const auto csv = importIndicatorsCsv("indicator,area,period,value,source\n"
                                         "narkotikabrott,drugs,2024,31,Polisen\n");
    data.addIndicators(csv.rows);

    auto p = computePicture(data, fixture::only("c2025"));
    REQUIRE(p.ok());
    REQUIRE(p->focusAreas.size() == 5);
    CHECK(p->focusAreas[0].area == model::FocusArea::Drugs);
    CHECK(p->focusAreas[0].rank == 1);
    CHECK(p->focusAreas[0].score.share == Approx(650.0 / 800.0));
    CHECK(p->focusAreas[0].questionIds == std::vector<std::string>{"q_droger"});
    CHECK(p->focusAreas[0].scoreBase == 24);
    REQUIRE(p->focusAreas[0].indicators.size() == 1);
    CHECK(p->focusAreas[0].indicators[0].value == 31);
    CHECK(p->focusAreas[0].dialogueTopics == 2);
    CHECK(p->focusAreas[0].dialogueTopicsSuppressed);
    const FocusAreaResult* traffic = nullptr;
    for (const FocusAreaResult& a : p->focusAreas)
        if (a.area == model::FocusArea::Traffic)
            traffic = &a;
    REQUIRE(traffic);
    CHECK_FALSE(traffic->hasScore);
    CHECK(traffic->rank == 0);
    CHECK(traffic->experienceIds == std::vector<std::string>{"q_sett"});
    CHECK(traffic->dialogueTopics == 9);
    CHECK(p->focusAreas[1].rank == 0);
    // One ranked area: no rank interval to draw.
    CHECK_FALSE(p->focusAreas[0].rankInterval);
    CHECK(p->dialogues == 1);
    CHECK(p->peopleMet == 14);
}

TEST_CASE("Ingestion errors leave the data unchanged") {
    auto pop = loadPopulationTable(fixture::kPopulation);
    REQUIRE(pop.ok());
    PictureData data(*pop);
    REQUIRE(data.addSurvey(fixture::survey()).ok());
    CHECK(data.addSurvey(fixture::survey()).error().code == "duplicate_survey");
    REQUIRE(data.addCampaign(fixture::campaign("c2025", 2025)).ok());
    fixture::Row row;
    row.trygg = 2;
    auto r = fixture::response(row, "c2025", 1);
    r.answers["q_droger"] = std::int64_t{9};
    const auto err = data.addResponse(r);
    REQUIRE_FALSE(err.ok());
    CHECK(err.error().code == "invalid_answer");
    CHECK(err.error().path == "answers.q_droger");
    CHECK(data.respondentCount() == 0);
    CHECK(data.question("q_trygg")->codes.empty());
    r.campaignId = "other";
    CHECK(data.addResponse(r).error().code == "unknown_campaign");
}

TEST_CASE("Unsafe places: a coordinator's link counts a mention or an observation at its place") {
    auto pop = loadPopulationTable(fixture::kPopulation);
    REQUIRE(pop.ok());
    // Two kilometres north, south and east of the school: far apart from each other and from it.
    const double km = 1000.0 / 111195.0;
    const model::Position north{64.2 + 2 * km, 19.7, 10.0};
    const model::Position south{64.2 - 2 * km, 19.7, 10.0};
    const model::Position east{64.2, 19.7 + 4 * km, 5.0};
    auto build = [&](const std::vector<PlaceLinkRef>& links) {
        PictureData data(*pop);
        data.setPlaces({place("skolan", "Skolan", 64.2, 19.7)});
        data.setPlaceLinks(links);
        REQUIRE(data.addSurvey(fixture::survey()).ok());
        REQUIRE(data.addCampaign(fixture::campaign("c2025", 2025)).ok());
        // One resident names the school in words and with a point; another with a point.
        std::vector<std::vector<model::PlaceEntry>> answers{
            {entry({}, {}, "vid skolan", {"dark"}), entry({}, north, {}, {})},
            {entry({}, south, {}, {"dark"})},
        };
        int serial = 0;
        for (const auto& a : answers) {
            fixture::Row row;
            row.age = 0;
            row.locality = 0;
            auto r = fixture::response(row, "c2025", ++serial);
            r.id = "r" + std::to_string(serial);
            r.answers["q_plats"] = a;
            REQUIRE(data.addResponse(r).ok());
        }
        model::SafetyWalk walk;
        walk.id = "01890000-0000-7000-8000-0000000000aa";
        walk.locality = "a";
        walk.date = "2025-09-18";
        data.addSafetyWalk(walk);
        model::Observation o;
        o.id = "01890000-0000-7000-8000-0000000000ab";
        o.walkId = walk.id;
        o.position = east;
        o.overallFeeling = 2;
        data.addObservation(o);
        return data;
    };
    PictureOptions opt;
    opt.clusterMinPoints = 3;
    opt.minCell = 3;

    // Unlinked: four points kilometres apart and a text: no cluster.
    const PictureData unlinked = build({});
    auto before = computePicture(unlinked, fixture::only("c2025"), opt);
    REQUIRE(before.ok());
    CHECK(before->places.empty());
    REQUIRE(before->unlocated.size() == 1);
    CHECK(before->unlocated[0].text == "vid skolan");

    // Linked to the school: one cluster there, named after it, counting two respondents.
    const PictureData linked =
        build({{"r1", "q_plats", 0, "", "skolan"},
               {"r1", "q_plats", 1, "", "skolan"},
               {"r2", "q_plats", 0, "", "skolan"},
               {"", "", 0, "01890000-0000-7000-8000-0000000000ab", "skolan"},
               {"r9", "q_plats", 0, "", "skolan"},    // a response that does not exist
               {"r2", "q_plats", 5, "", "skolan"},    // an entry that does not exist
               {"r2", "q_plats", 0, "", "nowhere"}}); // not in the registry: ignored
    auto after = computePicture(linked, fixture::only("c2025"), opt);
    REQUIRE(after.ok());
    REQUIRE(after->places.size() == 1);
    const PlaceCluster& c = after->places[0];
    CHECK(c.placeId == "skolan");
    CHECK(c.placeName == "Skolan");
    CHECK(c.lat == Approx(64.2));
    CHECK(c.lon == Approx(19.7));
    CHECK(c.surveyMentions == 3);
    CHECK(c.observations == 1);
    // The k rule counts people: two respondents and one walk make 3 = k.
    CHECK(c.respondents == 2);
    CHECK(c.walks == 1);
    CHECK_FALSE(c.suppressed);
    CHECK(after->unlocated.empty());
    opt.minCell = 4;
    auto stricter = computePicture(linked, fixture::only("c2025"), opt);
    REQUIRE(stricter.ok());
    REQUIRE(stricter->places.size() == 1);
    CHECK(stricter->places[0].suppressed);
}

TEST_CASE("Unsafe places: a person counts once in each cluster they named, whatever the order") {
    auto pop = loadPopulationTable(fixture::kPopulation);
    REQUIRE(pop.ok());
    PictureData data(*pop);
    data.setPlaces({place("parken", "Parken", 64.2, 19.7), place("hamnen", "Hamnen", 64.3, 19.9)});
    REQUIRE(data.addSurvey(fixture::survey()).ok());
    REQUIRE(data.addCampaign(fixture::campaign("c2025", 2025)).ok());
    // Mentions near Parken and near Hamnen (two clusters 12 km apart), each person's in a
    // shuffled order, some named twice; and free texts that differ only in case and spacing.
    const std::vector<std::vector<int>> named = {{0, 1, 0}, {1, 0}, {0},      {1, 1},
                                                 {0, 1},    {1},    {0, 0, 1}};
    const char* texts[] = {"Tunneln", "  tunneln ", "TUNNELN", "gamla  bron", "Gamla bron"};
    std::set<int> atParken, atHamnen;
    int serial = 0;
    for (std::size_t person = 0; person < named.size(); ++person) {
        fixture::Row row;
        row.age = static_cast<int>(person % 2);
        row.locality = 0;
        auto r = fixture::response(row, "c2025", ++serial);
        std::vector<model::PlaceEntry> entries;
        for (std::size_t k = 0; k < named[person].size(); ++k) {
            const bool hamnen = named[person][k] == 1;
            (hamnen ? atHamnen : atParken).insert(static_cast<int>(person));
            // Every second mention by position a few metres off, the rest by registry id.
            const double lat = (hamnen ? 64.3 : 64.2) + static_cast<double>(k + 1) * 10 / 111195.0;
            if (k % 2 == 1)
                entries.push_back(
                    entry({}, model::Position{lat, hamnen ? 19.9 : 19.7, 5.0}, {}, {"dark"}));
            else
                entries.push_back(entry(hamnen ? "hamnen" : "parken", {}, {}, {"dark"}));
        }
        if (person < std::size(texts))
            entries.push_back(entry({}, {}, std::string(texts[person]), {}));
        r.answers["q_plats"] = entries;
        REQUIRE(data.addResponse(r).ok());
    }
    PictureOptions opt;
    opt.minCell = 3;
    auto p = computePicture(data, fixture::only("c2025"), opt);
    REQUIRE(p.ok());
    REQUIRE(p->places.size() == 2);
    for (const PlaceCluster& c : p->places) {
        const std::string id = c.placeId.value_or("");
        INFO(id);
        REQUIRE((id == "parken" || id == "hamnen"));
        CHECK(c.respondents ==
              static_cast<std::int64_t>((id == "parken" ? atParken : atHamnen).size()));
    }
    std::map<std::string, std::int64_t> unlocated;
    for (const UnlocatedMention& u : p->unlocated)
        unlocated[u.text] = u.count;
    CHECK(unlocated == std::map<std::string, std::int64_t>{{"tunneln", 3}, {"gamla bron", 2}});
}
