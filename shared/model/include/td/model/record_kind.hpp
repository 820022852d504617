#pragma once
// The kinds of record exchanged by sync, with their wire names.

#include "td/model/common.hpp"

namespace td::model {

enum class RecordKind {
    Response,
    Dialogue,
    SafetyWalk,
    Observation,
    Place,
    Measure,
    Survey,
    Campaign,
    Promise
};
template <> struct EnumNames<RecordKind> {
    static constexpr std::array<std::string_view, 9> names{"response",    "dialogue", "safety_walk",
                                                           "observation", "place",    "measure",
                                                           "survey",      "campaign", "promise"};
};

} // namespace td::model
