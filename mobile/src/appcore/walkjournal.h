#pragma once
// Keeps a safety walk in progress on disk as it grows, so that it survives an app restart:
// the walk's details, its kept GPS fixes (in chunks, so each new fix rewrites only a small
// draft) and its observations are drafts in the device store. Ending the walk turns them into
// a SafetyWalk record and Observation records, each with its outbox entry.

#include "td/core/result.hpp"
#include "td/model/walk.hpp"
#include "td/walk/track_recorder.hpp"

#include <optional>
#include <string>
#include <vector>

namespace td::app {

class LocalStore;

/// Everything recorded of a walk that has not ended.
struct WalkDraft {
    td::model::SafetyWalk walk; ///< without track and end time
    int droppedFixes = 0;
    std::vector<td::walk::Fix> keptFixes;             ///< in time order
    std::vector<td::model::Observation> observations; ///< in the order they were made
};

class WalkJournal {
public:
    /// Fixes per track draft.
    static constexpr std::size_t kChunkSize = 60;

    explicit WalkJournal(LocalStore& store);

    /// The walk in progress, if any. Also finishes what an interrupted end() left behind
    /// (observations not yet submitted, track drafts not yet removed).
    td::Result<std::optional<WalkDraft>> load();

    /// Saves the walk's details and its count of dropped fixes (replacing earlier ones).
    td::Status saveWalk(const td::model::SafetyWalk& walk, int droppedFixes);
    /// Appends a kept fix to the walk's track on disk.
    td::Status appendFix(const std::string& walkId, const td::walk::Fix& fix);
    td::Status saveObservation(const td::model::Observation& observation);

    /// Submits the ended walk (with its track) and then every saved observation of it as
    /// records with outbox entries, each removing its draft in the same transaction, then
    /// removes the track drafts. Safe to repeat after an interruption (load() completes it).
    td::Status finish(const td::model::SafetyWalk& walk);

    /// Removes every draft of the walk without storing anything.
    td::Status discard(const std::string& walkId);

private:
    td::Status submitObservations(const std::string& walkId);
    td::Status removeTrack(const std::string& walkId);
    td::Result<std::vector<td::walk::Fix>> loadTrack(const std::string& walkId);

    LocalStore& m_store;
    std::string m_chunkWalkId;
    std::size_t m_chunkIndex = 0;
    std::vector<td::walk::Fix> m_chunk;
};

} // namespace td::app
