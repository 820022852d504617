// The server's decoded picture data kept current from the change log: pushed responses,
// dialogues, walks and observations are appended to the cached data, and the pictures computed
// from it equal those from a full decode of the same database; other changes rebuild it; a
// full decode reads one consistent state even while pushes commit; requests holding the old
// data keep it unchanged.
#include "api_harness.hpp"
#include "fixtures.hpp"
#include "picture_cache.hpp"
#include "td/demo/generator.hpp"
#include "td/model/codec.hpp"
#include "td/picture/compute.hpp"
#include "td/picture/picture_json.hpp"

#include <atomic>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <catch2/catch.hpp>
#include <thread>

using namespace td;
using namespace td::test;
using server::Role;
namespace bj = boost::json;

namespace {

const char* kFiguresCsv = "indicator,area,period,value,source\r\n"
                          "anmalda_narkotikabrott,drugs,2025,44.5,Polisen\r\n";

// Dialogues, walks and observations of the demo generator, dated inside the harness campaign.
struct FieldRecords {
    std::vector<std::string> dialogues, walks, observations;
};

FieldRecords fieldRecords() {
    auto options = demo::loadDemoOptions(std::string(TD_SOURCE_DIR) + "/shared/content",
                                         std::string(TD_REFERENCE_DATA_DIR) + "/vindeln.json");
    REQUIRE(options);
    options->responsesPerWave = 0;
    const demo::DemoData demo = demo::generate(7, *options);
    FieldRecords out;
    for (model::Dialogue d : demo.dialogues) {
        const std::string day = "2025-05-0" + std::to_string(1 + out.dialogues.size() % 9);
        d.startedAt = day + "T10:00:00Z";
        if (d.endedAt)
            d.endedAt = day + "T11:30:00Z";
        d.campaignId.reset();
        out.dialogues.push_back(
            pushRecordJson("dialogue", d.id, 1, bj::serialize(model::encode(d))));
    }
    for (model::SafetyWalk w : demo.walks) {
        w.date = "2025-05-12";
        out.walks.push_back(
            pushRecordJson("safety_walk", w.id, 1, bj::serialize(model::encode(w))));
    }
    for (const model::Observation& o : demo.observations)
        out.observations.push_back(
            pushRecordJson("observation", o.id, 1, bj::serialize(model::encode(o))));
    REQUIRE(!out.dialogues.empty());
    REQUIRE(!out.walks.empty());
    REQUIRE(!out.observations.empty());
    return out;
}

std::string pictureText(const picture::PictureData& data) {
    picture::PictureFilter filter;
    filter.campaignId = kCampaignId;
    auto p = picture::computePicture(data, filter);
    REQUIRE(p);
    return bj::serialize(picture::toJson(*p));
}

// The same database decoded from scratch: a store object of its own has no cached data.
std::string freshPictureText(const std::string& path,
                             std::vector<std::unique_ptr<store::ServerStore>>& keep) {
    auto opened = store::ServerStore::open(path);
    REQUIRE(opened);
    keep.push_back(std::move(*opened)); // alive, so no later store takes its address
    const std::uint64_t loads = server::pictureDataLoads();
    auto data = server::cachedPictureData(*keep.back());
    REQUIRE(data);
    CHECK(server::pictureDataLoads() == loads + 1);
    return pictureText(**data);
}

struct Fixture {
    ApiHarness h;
    std::string coordinator;
    std::string officer;

    Fixture() {
        h.seedContent();
        coordinator = h.tokenFor(Role::Coordinator);
        officer = h.tokenFor(Role::Officer);
    }

    void push(const std::vector<std::string>& records) {
        auto res = h.call("POST", "/api/v1/sync/push", pushBody(records), officer);
        INFO(res.body);
        REQUIRE(res.status == 200);
        CHECK(res.body.find("\"status\":\"rejected\"") == std::string::npos);
    }

    bj::value picture() {
        auto res =
            h.call("GET", std::string("/api/v1/picture?campaign=") + kCampaignId, "", coordinator);
        INFO(res.body);
        REQUIRE(res.status == 200);
        return bj::parse(res.body);
    }

    std::shared_ptr<const picture::PictureData> data() {
        auto d = server::cachedPictureData(*h.store);
        REQUIRE(d);
        return *d;
    }
};

} // namespace

TEST_CASE("pushed records are appended to the cached data, and its pictures equal a full "
          "decode",
          "[picture_cache]") {
    Fixture f;
    const FieldRecords field = fieldRecords();
    std::vector<std::unique_ptr<store::ServerStore>> fresh;
    f.push(responseRecords(30, nullptr, 1));
    f.picture();
    std::uint64_t loads = server::pictureDataLoads();
    const std::uint64_t updates = server::pictureDataUpdates();
    std::size_t d = 0, w = 0, o = 0;
    for (unsigned round = 0; round < 6; ++round) {
        // Each round: responses, and some of the dialogues, walks and their observations.
        std::vector<std::string> batch = responseRecords(5 + round * 3, nullptr, 100 + round);
        for (std::size_t i = 0; i < 2 && d < field.dialogues.size(); ++i)
            batch.push_back(field.dialogues[d++]);
        for (std::size_t i = 0; i < 1 && w < field.walks.size(); ++i)
            batch.push_back(field.walks[w++]);
        f.push(batch);
        batch.clear();
        for (std::size_t i = 0; i < 4 && o < field.observations.size(); ++i)
            batch.push_back(field.observations[o++]);
        if (!batch.empty())
            f.push(batch);
        f.picture();
        INFO("round " << round);
        CHECK(server::pictureDataLoads() == loads);
        CHECK(server::pictureDataUpdates() == updates + round + 1);
        CHECK(pictureText(*f.data()) == freshPictureText(f.h.store->path(), fresh));
        loads = server::pictureDataLoads(); // the fresh store's own decode
    }
    // The rounds added dialogues, walks and observations inside the campaign.
    const bj::value last = f.picture();
    CHECK(last.at("dialogues").as_int64() > 0);
    CHECK(last.at("walks").as_int64() > 0);
    CHECK(last.at("respondents").as_int64() == 30 + 5 * 6 + 3 * 15);

    SECTION("a change that is not an append rebuilds the data") {
        REQUIRE(
            f.h.call("POST", "/api/v1/indicators", kFiguresCsv, f.coordinator, "text/csv").status ==
            200);
        f.picture();
        CHECK(server::pictureDataLoads() == loads + 1);
        CHECK(pictureText(*f.data()) == freshPictureText(f.h.store->path(), fresh));
    }
}

TEST_CASE("a request holding the data keeps it unchanged; the cache's own copy grows in place",
          "[picture_cache]") {
    Fixture f;
    f.push(responseRecords(10, nullptr, 1));
    auto held = f.data();
    const std::size_t before = held->respondentCount();
    f.push(responseRecords(3, nullptr, 2));
    auto next = f.data();
    CHECK(next.get() != held.get());
    CHECK(held->respondentCount() == before);
    CHECK(next->respondentCount() == before + 3);

    // Nobody else holds it now: the next push is appended to the same object.
    const picture::PictureData* same = next.get();
    held.reset();
    next.reset();
    f.push(responseRecords(2, nullptr, 3));
    auto grown = f.data();
    CHECK(grown.get() == same);
    CHECK(grown->respondentCount() == before + 5);
}

TEST_CASE("rank intervals serve while the selection grows by at most 1 %, then are computed "
          "again",
          "[picture_cache]") {
    Fixture f;
    f.push(responseRecords(200, nullptr, 1));
    const bj::value first = f.picture();
    CHECK(first.at("ranking").at("respondents").as_int64() == 200);
    f.push(responseRecords(2, nullptr, 2)); // 1 %: the cached intervals still serve
    const bj::value second = f.picture();
    CHECK(second.at("respondents").as_int64() == 202);
    CHECK(second.at("ranking").at("respondents").as_int64() == 200);
    f.push(responseRecords(1, nullptr, 3)); // 1.5 % beyond them: bootstrapped again
    const bj::value third = f.picture();
    CHECK(third.at("ranking").at("respondents").as_int64() == 203);
}

TEST_CASE("a full decode while pushes commit reads one state: nothing is counted twice or "
          "missed",
          "[picture_cache]") {
    Fixture f;
    f.push(responseRecords(20, nullptr, 1));
    f.picture();
    std::atomic<bool> done{false};
    std::size_t pushed = 20;
    std::thread writer([&] {
        for (unsigned i = 0; i < 40; ++i) {
            auto res = f.h.call("POST", "/api/v1/sync/push",
                                pushBody(responseRecords(5, nullptr, 1000 + i)), f.officer);
            if (res.status == 200)
                pushed += 5;
        }
        done = true;
    });
    // Alternate a change that forces a full decode with a picture, while the writer pushes.
    std::uint64_t loads = server::pictureDataLoads();
    int rebuilt = 0;
    for (int period = 2022; !done; ++period) {
        const std::string csv = std::string("indicator,area,period,value,source\r\n") +
                                "anmalda_narkotikabrott,drugs," + std::to_string(period) +
                                ",1,Polisen\r\n";
        REQUIRE(f.h.call("POST", "/api/v1/indicators", csv, f.coordinator, "text/csv").status ==
                200);
        f.picture();
        rebuilt += server::pictureDataLoads() > loads;
        loads = server::pictureDataLoads();
    }
    writer.join();
    CHECK(rebuilt > 0);
    CHECK(pushed == 220);
    const bj::value final = f.picture();
    CHECK(final.at("respondents").as_int64() == 220);
    std::vector<std::unique_ptr<store::ServerStore>> fresh;
    CHECK(pictureText(*f.data()) == freshPictureText(f.h.store->path(), fresh));
}

TEST_CASE("a purge that rewrites records at the same revision rebuilds the data, not appends "
          "them again",
          "[picture_cache]") {
    Fixture f;
    std::vector<std::string> records;
    for (unsigned i = 0; i < 12; ++i) {
        auto r = makeResponse(vindelnSurvey(), kCampaignId, newRecordId(), i, 300);
        for (auto& [qid, answer] : r.answers)
            if (auto* text = std::get_if<std::string>(&answer);
                text && vindelnSurvey().findQuestion(qid)->type == model::QuestionType::Text)
                *text = "fritext " + std::to_string(i);
        records.push_back(pushRecordJson("response", r.id, 1, model::toJsonText(r)));
    }
    f.push(records);
    CHECK(f.picture().at("respondents").as_int64() == 12);
    const std::uint64_t loads = server::pictureDataLoads();
    const std::string campaign = std::string("/api/v1/campaigns/") + kCampaignId;
    REQUIRE(f.h.call("POST", campaign + "/close", "", f.coordinator).status == 200);
    f.picture(); // the campaign's new revision: rebuilt
    const std::uint64_t closed = server::pictureDataLoads();
    CHECK(closed == loads + 1);
    auto purged =
        f.h.call("POST", campaign + "/purge",
                 std::string(R"({"scope":"free_text_now","confirm":")") + kCampaignId + "\"}",
                 f.coordinator);
    INFO(purged.body);
    REQUIRE(purged.status == 200);
    REQUIRE(bj::parse(purged.body).at("free_text_emptied").as_int64() == 12);
    // The twelve come back in the log at revision 1, with new bodies: known ids, so not new.
    CHECK(f.picture().at("respondents").as_int64() == 12);
    CHECK(server::pictureDataLoads() == closed + 1);
    std::vector<std::unique_ptr<store::ServerStore>> fresh;
    CHECK(pictureText(*f.data()) == freshPictureText(f.h.store->path(), fresh));
}
