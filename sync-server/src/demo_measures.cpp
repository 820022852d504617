#include "demo_measures.hpp"

#include "td/core/clock.hpp"
#include "td/core/hlc.hpp"
#include "td/model/codec.hpp"
#include "td/sync/editable_sync.hpp"

namespace td::server {
namespace {

/// An id derived from the observation's (a UUIDv7 with its last four hex digits replaced).
std::string derivedId(const std::string& observationId, const char* suffix) {
    return observationId.substr(0, observationId.size() - 4) + suffix;
}

/// Writes `m` as created at `at`, then moves it through `steps` (status, then optional
/// rejection reason) one edit a day later each.
Status writeWithHistory(store::ServerStore& store, ManualClock& clock, Hlc& hlc, model::Measure m,
                        std::int64_t at,
                        const std::vector<std::pair<model::MeasureStatus, std::string>>& steps) {
    clock.set(at);
    const model::Measure created = m;
    auto first = sync::writeOnServer(store, hlc, "measure", m.id, std::nullopt,
                                     [&](const auto&) -> Result<boost::json::object> {
                                         return model::encode(created).as_object();
                                     });
    if (!first)
        return first.error();
    for (const auto& [status, reason] : steps) {
        clock.advance(24 * 3600 * 1000);
        m.status = status;
        if (!reason.empty())
            m.rejectionReason = reason;
        auto next = sync::writeOnServer(store, hlc, "measure", m.id, std::nullopt,
                                        [&](const auto&) -> Result<boost::json::object> {
                                            return model::encode(m).as_object();
                                        });
        if (!next)
            return next.error();
    }
    return {};
}

} // namespace

Result<std::size_t> addDemoMeasures(store::ServerStore& store, const demo::DemoData& data) {
    // Walk days are in September; the coordinators' edits follow in the autumn.
    ManualClock clock(0);
    Hlc hlc("dashboard", clock.clock());
    std::size_t written = 0;
    using S = model::MeasureStatus;
    for (const model::Measure& generated : data.measures) {
        model::Measure m = generated;
        const S target = m.status;
        m.status = S::Proposed;
        std::vector<std::pair<S, std::string>> steps;
        if (target == S::Decided || target == S::InProgress)
            steps.push_back({S::Decided, ""});
        if (target == S::InProgress)
            steps.push_back({S::InProgress, ""});
        if (auto s =
                writeWithHistory(store, clock, hlc, m,
                                 1758000000000 + static_cast<std::int64_t>(written) * 60000, steps);
            !s)
            return s.error();
        ++written;
    }
    for (std::size_t w = 0; w < data.walks.size(); ++w) {
        const model::SafetyWalk& walk = data.walks[w];
        std::vector<const model::Observation*> stops;
        for (const auto& o : data.observations)
            if (o.walkId == walk.id)
                stops.push_back(&o);
        if (stops.empty())
            continue;
        const bool latest = w == 0;
        int earlierMade = 0; // the first proposal of the earlier walk was done, the next rejected
        for (const model::Observation* o : stops) {
            model::Measure m;
            m.observationId = o->id;
            m.walkId = walk.id;
            m.focusArea = model::FocusArea::UnsafePlaces;
            m.description = "Från trygghetsvandringen " + walk.date + ".";
            std::vector<std::pair<S, std::string>> steps;
            if (latest && !o->proposedMeasure) {
                m.id = derivedId(o->id, "ae01");
                m.title = "Tydligare skyltning av gångvägen till stationen";
                m.responsibleParty = model::ResponsibleParty::Trafikverket;
                m.priority = model::Priority::Low;
            } else if (!latest && o->proposedMeasure) {
                m.id = derivedId(o->id, "ae02");
                m.title = *o->proposedMeasure;
                m.responsibleParty = o->responsibleParty.value_or(model::ResponsibleParty::Kommun);
                m.priority = model::Priority::High;
                if (earlierMade++ == 0)
                    steps = {{S::Decided, ""}, {S::InProgress, ""}, {S::Done, ""}};
                else
                    steps = {{S::Rejected, "Ingår i ombyggnaden av centrumparken 2026"}};
            } else {
                continue;
            }
            if (auto s = writeWithHistory(
                    store, clock, hlc, m,
                    1759000000000 + static_cast<std::int64_t>(written) * 60000, steps);
                !s)
                return s.error();
            ++written;
            if (latest)
                break; // one proposed measure is enough
        }
    }
    return written;
}

} // namespace td::server
