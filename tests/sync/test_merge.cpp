#include "td/core/clock.hpp"
#include "td/core/hlc.hpp"
#include "td/model/record.hpp"
#include "td/sync/merge.hpp"

#include <algorithm>
#include <array>
#include <boost/json/parse.hpp>
#include <catch2/catch.hpp>
#include <map>
#include <random>
#include <string>
#include <vector>

using td::HlcTimestamp;
using td::sync::EditableRecord;
using td::sync::FieldState;

namespace {

constexpr std::int64_t kT0 = 1758220200000;

boost::json::object measureBody() {
    td::model::Measure m;
    m.id = "0199a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b";
    m.title = "Belysning i gångtunneln";
    m.description = "Byt trasiga armaturer";
    return td::model::encodeRecord(td::model::AnyRecord{m}).as_object();
}

/// `record`'s body with the given fields replaced (a null value removes the field).
boost::json::object edited(const EditableRecord& record,
                           std::initializer_list<std::pair<const char*, boost::json::value>> set) {
    boost::json::object body = record.body();
    for (const auto& [name, value] : set) {
        if (value.is_null())
            body.erase(name);
        else
            body[name] = value;
    }
    return body;
}

EditableRecord foldMerge(EditableRecord state, const std::vector<const EditableRecord*>& order) {
    for (const auto* r : order)
        state = td::sync::merge(state, *r);
    return state;
}

void checkMeasureValid(const EditableRecord& r) {
    auto decoded = td::model::decodeRecord(td::model::RecordKind::Measure, r.body());
    INFO((decoded.ok() ? std::string() : decoded.error().describe()));
    CHECK(decoded.ok());
}

} // namespace

TEST_CASE("an edit writes only the fields that changed") {
    const HlcTimestamp t0{kT0, 0, "server"};
    EditableRecord r = td::sync::createEditable(measureBody(), t0);
    CHECK(r.body() == measureBody());
    CHECK_FALSE(r.hasConflict());

    const HlcTimestamp t1{kT0 + 10, 0, "dev-a"};
    REQUIRE(td::sync::applyEdit(r, edited(r, {{"status", "in_progress"}}), t1).ok());
    CHECK(r.fields.at("status").value == "in_progress");
    CHECK(r.fields.at("status").at == t1);
    CHECK(r.fields.at("status").base == t0);
    CHECK(r.fields.at("title").at == t0);
    CHECK_FALSE(r.hasConflict());

    // An explicit null for a field the record never had writes nothing.
    boost::json::object withNull = r.body();
    withNull["promise_id"] = nullptr;
    const EditableRecord unchanged = r;
    REQUIRE(td::sync::applyEdit(r, withNull, {kT0 + 11, 0, "dev-a"}).ok());
    CHECK(r == unchanged);

    SECTION("an absent field is cleared and a new one created") {
        const HlcTimestamp t2{kT0 + 20, 0, "dev-a"};
        REQUIRE(td::sync::applyEdit(r, edited(r, {{"deadline", "2025-12-31"}}), t2).ok());
        CHECK(r.fields.at("deadline").value == "2025-12-31");
        CHECK_FALSE(r.fields.at("deadline").base.has_value());
        const HlcTimestamp t3{kT0 + 30, 0, "dev-a"};
        REQUIRE(td::sync::applyEdit(r, edited(r, {{"deadline", nullptr}}), t3).ok());
        CHECK(r.fields.at("deadline").value.is_null());
        CHECK_FALSE(r.body().contains("deadline"));
        checkMeasureValid(r);
    }

    SECTION("an edit with a clock not newer than a changed field is refused whole") {
        const EditableRecord before = r;
        auto st =
            td::sync::applyEdit(r, edited(r, {{"title", "Ny titel"}, {"status", "done"}}), t1);
        REQUIRE_FALSE(st.ok());
        CHECK(st.error().code == "stale_clock");
        CHECK(st.error().path == "status");
        CHECK(r == before);
    }
}

TEST_CASE("concurrent edits from two devices and the dashboard converge in all 6 orders") {
    const HlcTimestamp t0{kT0, 0, "server"};
    const EditableRecord server = td::sync::createEditable(measureBody(), t0);

    // All three start from the server's version and edit without seeing each other.
    EditableRecord devA = server;
    REQUIRE(td::sync::applyEdit(devA, edited(devA, {{"status", "in_progress"}}),
                                {kT0 + 5000, 0, "dev-a"})
                .ok());
    EditableRecord devB = server;
    REQUIRE(td::sync::applyEdit(devB,
                                edited(devB, {{"status", "done"}, {"deadline", "2025-10-01"}}),
                                {kT0 + 7000, 0, "dev-b"})
                .ok());
    EditableRecord dashboard = server;
    REQUIRE(td::sync::applyEdit(dashboard,
                                edited(dashboard, {{"status", "decided"}, {"priority", "high"}}),
                                {kT0 + 6000, 0, "dashboard"})
                .ok());

    std::vector<const EditableRecord*> order{&devA, &devB, &dashboard};
    std::sort(order.begin(), order.end());
    std::vector<EditableRecord> results;
    do {
        results.push_back(foldMerge(server, order));
    } while (std::next_permutation(order.begin(), order.end()));
    REQUIRE(results.size() == 6);
    for (const auto& r : results)
        CHECK(r == results.front());

    const EditableRecord& merged = results.front();
    CHECK(merged.body().at("status") == "done"); // dev-b's clock is the highest
    CHECK(merged.body().at("priority") == "high");
    CHECK(merged.body().at("deadline") == "2025-10-01");
    CHECK(merged.conflictFields() == std::vector<std::string>{"status"});
    const FieldState& status = merged.fields.at("status");
    REQUIRE(status.rival.has_value());
    CHECK(status.rival->value == "decided"); // the newest losing write
    checkMeasureValid(merged);

    // The clocks survive their JSON form.
    auto decoded = td::sync::decodeEditable(merged.body(), td::sync::encodeClocks(merged));
    REQUIRE(decoded.ok());
    CHECK(*decoded == merged);

    SECTION("a coordinator's edit after seeing the conflict resolves it everywhere") {
        EditableRecord coordinator = merged;
        REQUIRE(td::sync::applyEdit(coordinator, edited(coordinator, {{"status", "decided"}}),
                                    {kT0 + 9000, 0, "dashboard"})
                    .ok());
        CHECK_FALSE(coordinator.hasConflict());
        std::vector<const EditableRecord*> late{&devA, &devB, &dashboard, &coordinator};
        std::sort(late.begin(), late.end());
        do {
            const EditableRecord r = foldMerge(server, late);
            CHECK(r == coordinator);
        } while (std::next_permutation(late.begin(), late.end()));
    }
}

TEST_CASE("edits made after seeing the other side's are no conflict") {
    const EditableRecord server = td::sync::createEditable(measureBody(), {kT0, 0, "server"});
    EditableRecord devA = server;
    REQUIRE(
        td::sync::applyEdit(devA, edited(devA, {{"status", "decided"}}), {kT0 + 100, 0, "dev-a"})
            .ok());
    EditableRecord devB = td::sync::merge(server, devA); // B pulls A's edit, then edits
    REQUIRE(td::sync::applyEdit(devB, edited(devB, {{"status", "in_progress"}}),
                                {kT0 + 200, 0, "dev-b"})
                .ok());
    const EditableRecord merged = td::sync::merge(td::sync::merge(server, devB), devA);
    CHECK(merged.body().at("status") == "in_progress");
    CHECK_FALSE(merged.hasConflict());
    CHECK(merged == td::sync::merge(devA, devB));
}

TEST_CASE("the same value written concurrently is no conflict; a new field set twice is") {
    const EditableRecord server = td::sync::createEditable(measureBody(), {kT0, 0, "server"});
    EditableRecord devA = server;
    EditableRecord devB = server;
    REQUIRE(
        td::sync::applyEdit(devA, edited(devA, {{"status", "done"}}), {kT0 + 1, 0, "dev-a"}).ok());
    REQUIRE(
        td::sync::applyEdit(devB, edited(devB, {{"status", "done"}}), {kT0 + 2, 0, "dev-b"}).ok());
    CHECK_FALSE(td::sync::merge(devA, devB).hasConflict());

    REQUIRE(
        td::sync::applyEdit(devA, edited(devA, {{"deadline", "2025-11-01"}}), {kT0 + 3, 0, "dev-a"})
            .ok());
    REQUIRE(
        td::sync::applyEdit(devB, edited(devB, {{"deadline", "2025-12-01"}}), {kT0 + 4, 0, "dev-b"})
            .ok());
    const EditableRecord merged = td::sync::merge(devA, devB);
    CHECK(merged.conflictFields() == std::vector<std::string>{"deadline"});
    CHECK(merged.body().at("deadline") == "2025-12-01");
}

TEST_CASE("equal physical time and counter: the node id decides, the same way in both orders") {
    const EditableRecord server = td::sync::createEditable(measureBody(), {kT0, 0, "server"});
    EditableRecord devA = server;
    EditableRecord devB = server;
    REQUIRE(
        td::sync::applyEdit(devA, edited(devA, {{"priority", "low"}}), {kT0 + 1, 3, "dev-a"}).ok());
    REQUIRE(td::sync::applyEdit(devB, edited(devB, {{"priority", "high"}}), {kT0 + 1, 3, "dev-b"})
                .ok());
    const EditableRecord ab = td::sync::merge(devA, devB);
    CHECK(ab == td::sync::merge(devB, devA));
    CHECK(ab.body().at("priority") == "high"); // "dev-b" > "dev-a"
    CHECK(ab.fields.at("priority").conflict());

    SECTION("identical clocks with different values are ordered by value") {
        FieldState x{"a", {kT0, 0, "n"}, {}, {}};
        FieldState y{"b", {kT0, 0, "n"}, {}, {}};
        const FieldState xy = td::sync::mergeField(x, y);
        CHECK(xy == td::sync::mergeField(y, x));
        CHECK(xy.value == "b");
        CHECK(xy.conflict());
    }
}

TEST_CASE("canonical JSON ignores member order") {
    CHECK(td::sync::canonicalJson(boost::json::parse(R"({"b":1,"a":[{"d":2,"c":3}]})")) ==
          R"({"a":[{"c":3,"d":2}],"b":1})");
}

TEST_CASE("clocks objects are decoded strictly") {
    const boost::json::object body{{"status", "done"}};
    auto fails = [&](const char* clocks) {
        auto r = td::sync::decodeEditable(body, boost::json::parse(clocks));
        REQUIRE_FALSE(r.ok());
        return r.error();
    };
    const std::string t1 = HlcTimestamp{kT0 + 1, 0, "dev-a"}.toString();
    const std::string t2 = HlcTimestamp{kT0 + 2, 0, "dev-a"}.toString();

    CHECK(fails("[]").code == "wrong_type");
    CHECK(fails("{}").code == "missing_clock");
    CHECK(fails("{}").path == "clocks.status");
    CHECK(fails(R"({"status": {}})").code == "missing_field");
    CHECK(fails(R"({"status": {"at": 5}})").code == "wrong_type");
    const td::Error bad = fails(R"({"status": {"at": "yesterday"}})");
    CHECK(bad.code == "invalid_value");
    CHECK(bad.path == "clocks.status.at");
    CHECK(fails((R"({"status": {"at": ")" + t1 + R"(", "when": 1}})").c_str()).code ==
          "unknown_field");
    CHECK(fails((R"({"status": {"at": ")" + t1 + R"(", "base": ")" + t2 + R"("}})").c_str()).code ==
          "invalid_clock");
    CHECK(fails((R"({"status": {"at": ")" + t1 + R"(", "rival": {"at": ")" + t2 +
                 R"(", "value": "x"}}})")
                    .c_str())
              .code == "invalid_clock");
    CHECK(fails((R"({"status": {"at": ")" + t2 + R"(", "rival": {"at": ")" + t1 +
                 R"(", "value": "done"}}})")
                    .c_str())
              .code == "invalid_clock");

    // A clock without a body field is a cleared field.
    auto ok = td::sync::decodeEditable(
        body, boost::json::parse(R"({"status": {"at": ")" + t2 + R"(", "base": ")" + t1 +
                                 R"("}, "deadline": {"at": ")" + t1 + R"("}})"));
    REQUIRE(ok.ok());
    CHECK(ok->fields.at("deadline").value.is_null());
    CHECK(ok->body() == body);
}

namespace {

struct Write {
    boost::json::value value;
    HlcTimestamp at;
    std::optional<HlcTimestamp> base;
};

/// The documented rule, computed from every write of a field ever made.
FieldState expectedField(const std::vector<Write>& writes) {
    auto key = [](const Write& w) {
        return std::make_tuple(w.at, td::sync::canonicalJson(w.value), w.base);
    };
    const Write* winner = &writes.front();
    for (const Write& w : writes) {
        if (key(w) > key(*winner))
            winner = &w;
    }
    FieldState out{winner->value, winner->at, winner->base, {}};
    const std::string winnerText = td::sync::canonicalJson(winner->value);
    for (const Write& w : writes) {
        const std::string text = td::sync::canonicalJson(w.value);
        if (text == winnerText)
            continue;
        if (!out.rival ||
            std::make_pair(w.at, text) >
                std::make_pair(out.rival->at, td::sync::canonicalJson(out.rival->value)))
            out.rival = td::sync::FieldWrite{w.value, w.at};
    }
    return out;
}

struct Replica {
    std::unique_ptr<td::ManualClock> clock;
    std::unique_ptr<td::Hlc> hlc;
    EditableRecord record;
};

HlcTimestamp newestClock(const EditableRecord& r) {
    HlcTimestamp newest;
    for (const auto& [name, field] : r.fields)
        newest = std::max(newest, field.at);
    return newest;
}

} // namespace

TEST_CASE("random edit sequences: merge is a join and matches the rule over all writes") {
    const std::array<const char*, 4> fieldNames{"status", "priority", "deadline", "title"};
    const std::map<std::string, std::vector<boost::json::value>> values{
        {"status", {"proposed", "decided", "in_progress", "done"}},
        {"priority", {"low", "medium", "high"}},
        {"deadline", {nullptr, "2025-10-01", "2025-12-31"}},
        {"title", {"A", "B"}}};
    const std::array<const char*, 3> nodes{"dev-a", "dev-b", "dashboard"};

    for (std::uint32_t seed = 1; seed <= 200; ++seed) {
        std::mt19937 rng(seed);
        auto pick = [&](std::size_t n) {
            return static_cast<std::size_t>(
                std::uniform_int_distribution<std::size_t>(0, n - 1)(rng));
        };
        const HlcTimestamp created{kT0, 0, "server"};
        const EditableRecord server = td::sync::createEditable(measureBody(), created);
        std::map<std::string, std::vector<Write>> writes;
        for (const auto& [name, field] : server.fields)
            writes[name].push_back({field.value, created, {}});

        std::vector<Replica> replicas;
        for (std::size_t i = 0; i < nodes.size(); ++i) {
            auto clock = std::make_unique<td::ManualClock>(kT0 + 1 + static_cast<int>(i) * 3);
            auto hlc = std::make_unique<td::Hlc>(nodes[i], clock->clock());
            replicas.push_back({std::move(clock), std::move(hlc), server});
        }
        std::vector<EditableRecord> snapshots{server};
        bool serial = true; // every edit so far made on a fully synced replica
        const int steps = 5 + static_cast<int>(pick(30));
        for (int step = 0; step < steps; ++step) {
            Replica& r = replicas[pick(replicas.size())];
            r.clock->advance(static_cast<std::int64_t>(pick(3)));
            if (pick(10) < 6) {
                const char* name = fieldNames[pick(fieldNames.size())];
                const auto& choices = values.at(name);
                const boost::json::value value = choices[pick(choices.size())];
                const auto before = r.record.fields.find(name);
                const bool changes = before == r.record.fields.end()
                                         ? !value.is_null()
                                         : td::sync::canonicalJson(before->second.value) !=
                                               td::sync::canonicalJson(value);
                bool synced = true;
                for (const Replica& other : replicas)
                    synced = synced && td::sync::merge(r.record, other.record) == r.record;
                const HlcTimestamp at = r.hlc->now();
                REQUIRE(td::sync::applyEdit(r.record, edited(r.record, {{name, value}}), at).ok());
                if (changes) {
                    std::optional<HlcTimestamp> base;
                    if (before != r.record.fields.end() && r.record.fields.at(name).base)
                        base = r.record.fields.at(name).base;
                    writes[name].push_back({value, at, base});
                    serial = serial && synced;
                }
            } else {
                const Replica& from = replicas[pick(replicas.size())];
                REQUIRE(r.hlc->receive(newestClock(from.record)).ok());
                r.record = td::sync::merge(r.record, from.record);
            }
            snapshots.push_back(r.record);
        }

        // Laws of a join on random pairs and triples of states seen during the run.
        for (int k = 0; k < 20; ++k) {
            const EditableRecord& a = snapshots[pick(snapshots.size())];
            const EditableRecord& b = snapshots[pick(snapshots.size())];
            const EditableRecord& c = snapshots[pick(snapshots.size())];
            CHECK(td::sync::merge(a, a) == a);
            CHECK(td::sync::merge(a, b) == td::sync::merge(b, a));
            CHECK(td::sync::merge(td::sync::merge(a, b), c) ==
                  td::sync::merge(a, td::sync::merge(b, c)));
        }

        // Every replica reaches the same state in every order, and it is the rule's answer.
        std::vector<const EditableRecord*> order;
        for (const Replica& r : replicas)
            order.push_back(&r.record);
        std::sort(order.begin(), order.end());
        const EditableRecord converged = foldMerge(server, order);
        do {
            CHECK(foldMerge(server, order) == converged);
        } while (std::next_permutation(order.begin(), order.end()));
        for (const auto& [name, fieldWrites] : writes) {
            INFO("seed " << seed << ", field " << name);
            REQUIRE(converged.fields.count(name) == 1);
            CHECK(converged.fields.at(name) == expectedField(fieldWrites));
        }
        if (serial)
            CHECK_FALSE(converged.hasConflict());
        auto decoded =
            td::sync::decodeEditable(converged.body(), td::sync::encodeClocks(converged));
        REQUIRE(decoded.ok());
        CHECK(*decoded == converged);
    }
}
