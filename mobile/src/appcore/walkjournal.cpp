#include "appcore/walkjournal.h"

#include "appcore/localstore.h"
#include "td/model/codec.hpp"
#include "td/store/device_store.hpp"

#include <algorithm>
#include <boost/json.hpp>
#include <cstdio>

namespace td::app {

namespace {

namespace bj = boost::json;

constexpr std::string_view kStateKind = "walk_state";
constexpr std::string_view kTrackKind = "walk_track";
constexpr std::string_view kObservationKind = "walk_observation";

std::string stateDraftId(const std::string& walkId) {
    return std::string(kStateKind) + ':' + walkId;
}

std::string observationDraftId(const std::string& observationId) {
    return std::string(kObservationKind) + ':' + observationId;
}

/// Zero-padded so that the drafts of one walk sort by id in track order.
std::string trackDraftId(const std::string& walkId, std::size_t chunk) {
    char index[16];
    std::snprintf(index, sizeof index, "%06zu", chunk);
    return std::string(kTrackKind) + ':' + walkId + ':' + index;
}

td::Error corrupt(const std::string& draftId, const std::string& why) {
    return td::makeError("corrupt_walk_draft", "draft " + draftId + ": " + why);
}

bj::array encodeFixes(const std::vector<td::walk::Fix>& fixes) {
    bj::array out;
    out.reserve(fixes.size());
    for (const auto& f : fixes) {
        bj::array point{f.tMs, f.lat, f.lon};
        if (f.accuracyM)
            point.emplace_back(*f.accuracyM);
        else
            point.emplace_back(nullptr);
        out.emplace_back(std::move(point));
    }
    return out;
}

td::Result<std::vector<td::walk::Fix>> decodeFixes(const td::store::Draft& draft) {
    boost::system::error_code ec;
    const bj::value v = bj::parse(draft.body, ec);
    if (ec || !v.is_array())
        return corrupt(draft.id, "not a JSON array");
    std::vector<td::walk::Fix> fixes;
    for (const bj::value& p : v.get_array()) {
        const bj::array* a = p.if_array();
        if (!a || a->size() != 4 || !(*a)[0].is_int64())
            return corrupt(draft.id, "a point is not [t, lat, lon, accuracy]");
        td::walk::Fix fix;
        fix.tMs = (*a)[0].get_int64();
        boost::system::error_code latError, lonError;
        fix.lat = (*a)[1].to_number<double>(latError);
        fix.lon = (*a)[2].to_number<double>(lonError);
        if (latError || lonError)
            return corrupt(draft.id, "a coordinate is not a number");
        if (!(*a)[3].is_null()) {
            boost::system::error_code accuracyError;
            fix.accuracyM = (*a)[3].to_number<double>(accuracyError);
            if (accuracyError)
                return corrupt(draft.id, "an accuracy is not a number");
        }
        fixes.push_back(fix);
    }
    return fixes;
}

} // namespace

WalkJournal::WalkJournal(LocalStore& store)
    : m_store(store) {}

td::Result<std::optional<WalkDraft>> WalkJournal::load() {
    auto& device = m_store.deviceStore();
    // An end() that was interrupted after the walk record was written: complete it.
    for (std::string_view kind : {kObservationKind, kTrackKind}) {
        auto drafts = device.drafts(kind);
        if (!drafts)
            return drafts.error();
        for (const auto& draft : *drafts) {
            auto walkRecord = device.record(draft.ref);
            if (!walkRecord)
                return walkRecord.error();
            if (!walkRecord->has_value())
                continue;
            const td::Status done =
                kind == kObservationKind ? submitObservations(draft.ref) : removeTrack(draft.ref);
            if (!done)
                return done.error();
        }
    }

    auto states = device.drafts(kStateKind);
    if (!states)
        return states.error();
    if (states->empty())
        return std::optional<WalkDraft>();
    const td::store::Draft& state = states->front(); // the most recently saved
    boost::system::error_code ec;
    const bj::value v = bj::parse(state.body, ec);
    const bj::object* o = ec ? nullptr : v.if_object();
    if (!o || !o->contains("walk") || !o->at("walk").is_object() || !o->contains("dropped_fixes") ||
        !o->at("dropped_fixes").is_int64())
        return corrupt(state.id, "expected {\"walk\": {...}, \"dropped_fixes\": n}");
    auto walk = td::model::decode<td::model::SafetyWalk>(o->at("walk"), "walk");
    if (!walk)
        return walk.error();

    WalkDraft draft;
    draft.walk = std::move(walk.value());
    draft.droppedFixes = static_cast<int>(o->at("dropped_fixes").get_int64());
    auto track = loadTrack(draft.walk.id);
    if (!track)
        return track.error();
    draft.keptFixes = std::move(track.value());

    auto observations = device.drafts(kObservationKind);
    if (!observations)
        return observations.error();
    for (const auto& d : *observations) {
        if (d.ref != draft.walk.id)
            continue;
        auto observation = td::model::fromJsonText<td::model::Observation>(d.body);
        if (!observation)
            return corrupt(d.id, observation.error().describe());
        draft.observations.push_back(std::move(observation.value()));
    }
    std::sort(draft.observations.begin(), draft.observations.end(),
              [](const auto& a, const auto& b) { return a.recordedAt < b.recordedAt; });
    return std::optional<WalkDraft>(std::move(draft));
}

td::Result<std::vector<td::walk::Fix>> WalkJournal::loadTrack(const std::string& walkId) {
    auto drafts = m_store.deviceStore().drafts(kTrackKind);
    if (!drafts)
        return drafts.error();
    std::vector<const td::store::Draft*> chunks;
    for (const auto& d : *drafts) {
        if (d.ref == walkId)
            chunks.push_back(&d);
    }
    std::sort(chunks.begin(), chunks.end(), [](auto* a, auto* b) { return a->id < b->id; });
    std::vector<td::walk::Fix> fixes;
    for (const auto* chunk : chunks) {
        auto part = decodeFixes(*chunk);
        if (!part)
            return part.error();
        m_chunk = part.value();
        fixes.insert(fixes.end(), part->begin(), part->end());
    }
    // New fixes continue the last chunk.
    m_chunkWalkId = walkId;
    m_chunkIndex = chunks.empty() ? 0 : chunks.size() - 1;
    if (chunks.empty())
        m_chunk.clear();
    return fixes;
}

td::Status WalkJournal::saveWalk(const td::model::SafetyWalk& walk, int droppedFixes) {
    bj::object body;
    body["walk"] = td::model::encode(walk);
    body["dropped_fixes"] = droppedFixes;
    td::store::Draft draft;
    draft.id = stateDraftId(walk.id);
    draft.kind = std::string(kStateKind);
    draft.ref = walk.id;
    draft.body = bj::serialize(body);
    return m_store.deviceStore().saveDraft(draft);
}

td::Status WalkJournal::appendFix(const std::string& walkId, const td::walk::Fix& fix) {
    if (m_chunkWalkId != walkId) {
        m_chunkWalkId = walkId;
        m_chunkIndex = 0;
        m_chunk.clear();
    }
    if (m_chunk.size() >= kChunkSize) {
        ++m_chunkIndex;
        m_chunk.clear();
    }
    m_chunk.push_back(fix);
    td::store::Draft draft;
    draft.id = trackDraftId(walkId, m_chunkIndex);
    draft.kind = std::string(kTrackKind);
    draft.ref = walkId;
    draft.body = bj::serialize(encodeFixes(m_chunk));
    auto saved = m_store.deviceStore().saveDraft(draft);
    if (!saved)
        m_chunk.pop_back(); // the next append retries this chunk's content without it
    return saved;
}

td::Status WalkJournal::saveObservation(const td::model::Observation& observation) {
    td::store::Draft draft;
    draft.id = observationDraftId(observation.id);
    draft.kind = std::string(kObservationKind);
    draft.ref = observation.walkId;
    draft.body = td::model::toJsonText(observation);
    return m_store.deviceStore().saveDraft(draft);
}

td::Status WalkJournal::finish(const td::model::SafetyWalk& walk) {
    auto existing = m_store.deviceStore().record(walk.id);
    if (!existing)
        return existing.error();
    if (!existing->has_value()) {
        const td::Status stored = m_store.submitRecord(
            "safety_walk", walk.id, td::model::toJsonText(walk), stateDraftId(walk.id));
        if (!stored)
            return stored;
    }
    if (auto s = submitObservations(walk.id); !s)
        return s;
    return removeTrack(walk.id);
}

td::Status WalkJournal::submitObservations(const std::string& walkId) {
    auto drafts = m_store.deviceStore().drafts(kObservationKind);
    if (!drafts)
        return drafts.error();
    std::vector<std::pair<td::model::Observation, const td::store::Draft*>> mine;
    for (const auto& d : *drafts) {
        if (d.ref != walkId)
            continue;
        auto observation = td::model::fromJsonText<td::model::Observation>(d.body);
        if (!observation)
            return corrupt(d.id, observation.error().describe());
        mine.emplace_back(std::move(observation.value()), &d);
    }
    // In the order they were made, so they reach the server in that order.
    std::sort(mine.begin(), mine.end(),
              [](const auto& a, const auto& b) { return a.first.recordedAt < b.first.recordedAt; });
    for (const auto& [observation, draft] : mine) {
        const td::Status s =
            m_store.submitRecord("observation", observation.id, draft->body, draft->id);
        if (!s)
            return s;
    }
    return {};
}

td::Status WalkJournal::removeTrack(const std::string& walkId) {
    auto drafts = m_store.deviceStore().drafts(kTrackKind);
    if (!drafts)
        return drafts.error();
    for (const auto& d : *drafts) {
        if (d.ref != walkId)
            continue;
        if (auto removed = m_store.deviceStore().deleteDraft(d.id); !removed)
            return removed.error();
    }
    if (m_chunkWalkId == walkId) {
        m_chunkWalkId.clear();
        m_chunk.clear();
        m_chunkIndex = 0;
    }
    return {};
}

td::Status WalkJournal::discard(const std::string& walkId) {
    auto& device = m_store.deviceStore();
    if (auto removed = device.deleteDraft(stateDraftId(walkId)); !removed)
        return removed.error();
    auto drafts = device.drafts(kObservationKind);
    if (!drafts)
        return drafts.error();
    for (const auto& d : *drafts) {
        if (d.ref == walkId) {
            if (auto removed = device.deleteDraft(d.id); !removed)
                return removed.error();
        }
    }
    return removeTrack(walkId);
}

} // namespace td::app
