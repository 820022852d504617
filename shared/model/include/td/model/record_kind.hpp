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
    Promise,
    Agreement,
    PublicSummary
};
template <> struct EnumNames<RecordKind> {
    static constexpr std::array<std::string_view, 11> names{"response",    "dialogue", "safety_walk",
                                                           "observation", "place",    "measure",
                                                           "survey",      "campaign", "promise",
                                                           "agreement", "public_summary"};
};

} // namespace td::model
