#pragma once
// Storage-level types of editable records (measures, place registry entries): the body plus
// the per-field clocks object and conflict list of docs/editable-records.md. The stores keep
// these as opaque JSON text; merging them is td::sync's job (merge.hpp), handed to the stores
// as a callback that runs inside the store's write transaction.

#include "td/core/result.hpp"

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace td::store {

/// The state a merge or an edit decided to store.
struct EditableWrite {
    std::string body;                        ///< canonical JSON object text
    std::string hlc;                         ///< the newest field clock (text form)
    std::string clocks;                      ///< JSON object text (td::sync::encodeClocks)
    std::vector<std::string> conflictFields; ///< sorted
    bool operator==(const EditableWrite&) const = default;
};

/// An editable record as stored: its current version with clocks. `clocks` is "" when the
/// record was written without clocks (callers then treat every field as written at `hlc`).
struct EditableState {
    std::string kind;
    std::string id;
    std::int64_t rev = 0;
    std::string hlc;
    std::string body;
    std::string clocks;
    std::vector<std::string> conflictFields;
    bool operator==(const EditableState&) const = default;
};

/// Computes the new state from the stored one (nullopt: none stored). nullopt means "leave it
/// as it is"; an error aborts the write and is returned to the caller unchanged.
using EditableMerge =
    std::function<Result<std::optional<EditableWrite>>(const std::optional<EditableState>&)>;

/// What a merge call did.
struct EditableOutcome {
    bool changed = false; ///< a new revision was written
    EditableState state;  ///< the state after the call
};

/// `["a","b"]` ↔ field names; used for the conflict column.
std::string encodeFieldList(const std::vector<std::string>& fields);
std::vector<std::string> decodeFieldList(std::string_view text);

} // namespace td::store
