// Editable records through the real SyncService: concurrent offline edits of one measure on two
// devices and in the dashboard converge to one state, whatever the order they reach the server.

#include "service_transport.hpp"
#include "sync_fixture.hpp"
#include "td/core/clock.hpp"
#include "td/core/hlc.hpp"
#include "td/sync/editable_sync.hpp"
#include "td/sync/sync_client.hpp"

#include <algorithm>
#include <array>
#include <boost/json/parse.hpp>
#include <catch2/catch.hpp>

using namespace td;
using namespace td::sync;
using td::test::ServiceFixture;
using td::test::ServiceTransport;

namespace {

constexpr std::int64_t kT0 = 1760544000000; // 2025-10-15T16:00:00Z
const std::string kMeasureId = "0199f0a0-0000-7000-8000-00000000a001";

model::Measure initialMeasure() {
    model::Measure m;
    m.id = kMeasureId;
    m.title = "Byt armatur vid gångtunneln";
    m.description = "Trasig gatlykta vid gångtunneln under järnvägen";
    m.responsibleParty = model::ResponsibleParty::Kommun;
    return m;
}

boost::json::object bodyOf(const model::Measure& m) {
    return model::encode(m).as_object();
}

struct Device {
    explicit Device(const std::string& id)
        : principal{Role::Officer, id, std::nullopt}
        , clock(kT0)
        , hlc(id, clock.clock()) {
        auto opened = store::DeviceStore::open(dir.file("device.db"));
        REQUIRE(opened.ok());
        store = std::make_unique<store::DeviceStore>(std::move(opened).value());
    }
    void sync(SyncService& service) {
        ServiceTransport transport(service, principal);
        SyncClient client(*store);
        auto summary = client.syncOnce(transport);
        REQUIRE(summary.ok());
        CHECK(summary->rejected == 0);
        CHECK(summary->conflicts == 0);
    }
    /// Edits the local copy of the measure at `atMs`.
    void edit(std::int64_t atMs, const std::function<void(model::Measure&)>& change) {
        auto local = store->record(kMeasureId);
        REQUIRE(local.ok());
        REQUIRE(local->has_value());
        auto measure = model::fromJsonText<model::Measure>((*local)->body);
        REQUIRE(measure.ok());
        change(*measure);
        clock.set(atMs);
        auto edited = editOnDevice(*store, hlc, kMeasureId, bodyOf(*measure));
        REQUIRE(edited.ok());
    }

    Principal principal;
    test::TempDir dir;
    ManualClock clock;
    Hlc hlc;
    std::unique_ptr<store::DeviceStore> store;
};

/// A state's record, for comparing replicas field by field.
EditableRecord recordOf(const store::EditableState& state) {
    REQUIRE_FALSE(state.clocks.empty());
    auto record = editableFromState(state);
    REQUIRE(record.ok());
    return std::move(record).value();
}

struct Outcome {
    EditableRecord record;
    std::string body;
};

/// Runs the three concurrent edits, delivered in `order` (0: device A syncs, 1: device B
/// syncs, 2: the dashboard writes), then lets both devices sync again; checks that the server
/// and both devices hold the same state and returns it.
Outcome runOrder(const std::array<int, 3>& order) {
    ServiceFixture server;
    ManualClock serverClock(kT0);
    Hlc serverHlc("server", serverClock.clock());
    auto created = writeOnServer(
        *server.store, serverHlc, "measure", kMeasureId, std::nullopt,
        [](const auto&) -> Result<boost::json::object> { return bodyOf(initialMeasure()); });
    REQUIRE(created.ok());
    REQUIRE(created->state.rev == 1);

    Device a("tablet-a");
    Device b("tablet-b");
    a.sync(*server.service);
    b.sync(*server.service);
    REQUIRE(a.store->editable(kMeasureId).value().has_value());

    // Offline: each party edits the version it has (rev 1).
    a.edit(kT0 + 1000, [](model::Measure& m) {
        m.status = model::MeasureStatus::Decided;
        m.deadline = "2026-01-31";
    });
    b.edit(kT0 + 3000, [](model::Measure& m) {
        m.status = model::MeasureStatus::InProgress;
        m.priority = model::Priority::High;
    });
    auto dashboardEdit = [&] {
        serverClock.set(kT0 + 2000);
        auto written = writeOnServer(
            *server.store, serverHlc, "measure", kMeasureId, std::int64_t{1},
            [](const std::optional<boost::json::object>& seen) -> Result<boost::json::object> {
                REQUIRE(seen.has_value());
                auto m = model::decode<model::Measure>(boost::json::value(*seen));
                REQUIRE(m.ok());
                m->status = model::MeasureStatus::Done;
                m->responsibleParty = model::ResponsibleParty::Polis;
                return bodyOf(*m);
            });
        REQUIRE(written.ok());
        CHECK(written->changed);
    };

    for (int step : order) {
        if (step == 0)
            a.sync(*server.service);
        else if (step == 1)
            b.sync(*server.service);
        else
            dashboardEdit();
    }
    a.sync(*server.service);
    b.sync(*server.service);
    CHECK(a.store->pendingCount().value() == 0);
    CHECK(b.store->pendingCount().value() == 0);

    auto onServer = server.store->getEditable("measure", kMeasureId);
    REQUIRE(onServer.ok());
    REQUIRE(onServer->has_value());
    auto onA = a.store->editable(kMeasureId);
    auto onB = b.store->editable(kMeasureId);
    REQUIRE(onA.ok());
    REQUIRE(onB.ok());
    REQUIRE(onA->has_value());
    REQUIRE(onB->has_value());
    const EditableRecord serverRecord = recordOf(**onServer);
    CHECK(recordOf(**onA) == serverRecord);
    CHECK(recordOf(**onB) == serverRecord);
    CHECK((*onA)->body == (*onServer)->body);
    CHECK((*onB)->body == (*onServer)->body);
    CHECK((*onServer)->conflictFields == serverRecord.conflictFields());
    CHECK((*onA)->conflictFields == serverRecord.conflictFields());
    return Outcome{serverRecord, (*onServer)->body};
}

} // namespace

TEST_CASE("concurrent edits of a measure converge in every delivery order, with the conflict "
          "flagged",
          "[editable]") {
    std::array<int, 3> order{0, 1, 2};
    std::optional<Outcome> first;
    int orders = 0;
    do {
        INFO("order " << order[0] << order[1] << order[2]);
        Outcome outcome = runOrder(order);
        ++orders;
        if (!first) {
            first = outcome;
            auto measure = model::fromJsonText<model::Measure>(outcome.body);
            REQUIRE(measure.ok());
            // Per field, the newest write wins: B's status (t0+3 s) over the dashboard's (t0+2 s)
            // and A's (t0+1 s); fields only one party changed keep that party's value.
            CHECK(measure->status == model::MeasureStatus::InProgress);
            CHECK(measure->priority == model::Priority::High);
            CHECK(measure->deadline == std::optional<std::string>("2026-01-31"));
            CHECK(measure->responsibleParty == model::ResponsibleParty::Polis);
            CHECK(outcome.record.conflictFields() == std::vector<std::string>{"status"});
            const FieldState& status = outcome.record.fields.at("status");
            REQUIRE(status.rival.has_value());
            CHECK(status.rival->value == boost::json::value("done"));
            CHECK(status.rival->at.node == "server");
        } else {
            CHECK(outcome.record == first->record);
            CHECK(outcome.body == first->body);
        }
    } while (std::next_permutation(order.begin(), order.end()));
    CHECK(orders == 6);
}

TEST_CASE("a pushed measure edit is idempotent and a coordinator's confirmation resolves the "
          "conflict",
          "[editable]") {
    ServiceFixture server;
    ManualClock serverClock(kT0);
    Hlc serverHlc("server", serverClock.clock());
    REQUIRE(writeOnServer(
                *server.store, serverHlc, "measure", kMeasureId, std::nullopt,
                [](const auto&) -> Result<boost::json::object> { return bodyOf(initialMeasure()); })
                .ok());
    Device a("tablet-a");
    a.sync(*server.service);
    a.edit(kT0 + 1000, [](model::Measure& m) { m.status = model::MeasureStatus::Decided; });
    auto state = a.store->editable(kMeasureId).value();
    REQUIRE(state.has_value());
    PushRecord record{"measure", kMeasureId, state->rev, state->hlc, state->body, state->clocks};
    const std::string body = test::pushBody({record});

    auto first = server.service->push(a.principal, body);
    REQUIRE(first.httpStatus == 200);
    CHECK(first.counts.stored == 1);
    auto again = server.service->push(a.principal, body);
    REQUIRE(again.httpStatus == 200);
    CHECK(again.counts.duplicate == 1);
    CHECK(server.store->getEditable("measure", kMeasureId).value()->rev == 2);

    // The dashboard, still showing rev 1, sets another status: a conflict.
    serverClock.set(kT0 + 2000);
    auto setStatus = [](const char* status) {
        return [status](
                   const std::optional<boost::json::object>& seen) -> Result<boost::json::object> {
            boost::json::object body = *seen;
            body["status"] = status;
            return body;
        };
    };
    auto clash = writeOnServer(*server.store, serverHlc, "measure", kMeasureId, std::int64_t{1},
                               setStatus("in_progress"));
    REQUIRE(clash.ok());
    CHECK(clash->state.conflictFields == std::vector<std::string>{"status"});
    // Confirming one value after seeing both resolves it.
    serverClock.set(kT0 + 4000);
    auto confirm = writeOnServer(*server.store, serverHlc, "measure", kMeasureId, std::nullopt,
                                 setStatus("decided"));
    REQUIRE(confirm.ok());
    CHECK(confirm->state.conflictFields.empty());
    CHECK(model::fromJsonText<model::Measure>(confirm->state.body)->status ==
          model::MeasureStatus::Decided);
    // An unknown base version is refused.
    auto unknown = writeOnServer(*server.store, serverHlc, "measure", kMeasureId, std::int64_t{99},
                                 setStatus("done"));
    REQUIRE_FALSE(unknown.ok());
    CHECK(unknown.error().code == "unknown_base_rev");
}

TEST_CASE("pushed measures with bad clocks or rules are rejected and change nothing",
          "[editable]") {
    ServiceFixture server;
    const Principal officer{Role::Officer, std::string("tablet-a"), std::nullopt};
    const Principal kiosk{Role::Kiosk, std::string("kiosk-1"), std::nullopt};
    const HlcTimestamp at{kT0, 0, "tablet-a"};
    auto push = [&](const Principal& who, const model::Measure& m, const std::string& clocks) {
        PushRecord record{"measure", m.id, 1, at.toString(), test::bodyOf(m), clocks};
        auto reply = server.service->push(who, test::pushBody({record}));
        REQUIRE(reply.httpStatus == 200);
        auto decoded = decodePushResponse(reply.jsonBody);
        REQUIRE(decoded.ok());
        return decoded->results.at(0);
    };
    const model::Measure measure = initialMeasure();
    const std::string clocks =
        boost::json::serialize(encodeClocks(createEditable(bodyOf(measure), at)));

    auto byKiosk = push(kiosk, measure, clocks);
    CHECK(byKiosk.status == PushStatus::Rejected);
    CHECK(byKiosk.reason->code == "kind_not_allowed");

    auto missing = push(officer, measure, R"({"id":{"at":")" + at.toString() + R"("}})");
    CHECK(missing.status == PushStatus::Rejected);
    CHECK(missing.reason->code == "invalid_clocks");

    // The service's clock is the wall clock; the drift check is relative to it.
    const HlcTimestamp farAhead{systemUnixMillis() + 3LL * 24 * 3600 * 1000, 0, "tablet-a"};
    auto drift =
        push(officer, measure,
             boost::json::serialize(encodeClocks(createEditable(bodyOf(measure), farAhead))));
    CHECK(drift.status == PushStatus::Rejected);
    CHECK(drift.reason->code == "clock_drift");

    model::Measure rejected = measure;
    rejected.status = model::MeasureStatus::Rejected;
    auto noReason =
        push(officer, rejected,
             boost::json::serialize(encodeClocks(createEditable(bodyOf(rejected), at))));
    CHECK(noReason.status == PushStatus::Rejected);
    CHECK(noReason.reason->code == "validation_failed");
    CHECK(noReason.reason->path == "rejection_reason");

    CHECK_FALSE(server.store->getEditable("measure", measure.id).value().has_value());
    auto stored = push(officer, measure, clocks);
    CHECK(stored.status == PushStatus::Stored);
    CHECK(server.store->getEditable("measure", measure.id).value()->clocks.size() > 2);
}
