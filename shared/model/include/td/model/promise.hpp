#pragma once
// Medborgarlöfte: a promise for a focus area and period, with activities and indicators.

#include "td/model/common.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace td::model {

struct Period {
    std::int64_t fromYear = 0;
    std::int64_t toYear = 0; // inclusive; wire: {"from": 2023, "to": 2025}
    bool operator==(const Period&) const = default;
};

/// What a figure reference in a promise's motivation points at.
enum class FigureKind { SurveyShare, DialogueTopics, WalkObservations, MeasureCount, Imported };
template <> struct EnumNames<FigureKind> {
    static constexpr std::array<std::string_view, 5> names{
        "survey_share", "dialogue_topics", "walk_observations", "measure_count", "imported"};
};

struct FigureRef {
    FigureKind kind = FigureKind::SurveyShare;
    std::optional<std::string> campaignId;
    std::optional<std::string> questionId; // survey_share
    std::optional<FocusArea> focusArea;    // dialogue_topics, measure_count
    std::optional<std::string> indicator;  // imported: indicator name
    std::optional<std::string> note;       // free text, <= 500
    bool operator==(const FigureRef&) const = default;
};

enum class ActivityOwner { Polis, Kommun, Both, Partner };
template <> struct EnumNames<ActivityOwner> {
    static constexpr std::array<std::string_view, 4> names{"polis", "kommun", "both", "partner"};
};

enum class ActivityStatus { Planned, Ongoing, Done, Cancelled };
template <> struct EnumNames<ActivityStatus> {
    static constexpr std::array<std::string_view, 4> names{"planned", "ongoing", "done",
                                                           "cancelled"};
};

struct Activity {
    std::string id;
    Text what;
    ActivityOwner who = ActivityOwner::Both;
    std::optional<std::string> partnerName; // required when who is partner
    std::string when;                       // free form, e.g. "2024", "2024-Q2", "ongoing"
    ActivityStatus status = ActivityStatus::Planned;
    bool operator==(const Activity&) const = default;
};

enum class IndicatorKind { SurveyShare, MeasureCount, WalkCount, Imported };
template <> struct EnumNames<IndicatorKind> {
    static constexpr std::array<std::string_view, 4> names{"survey_share", "measure_count",
                                                           "walk_count", "imported"};
};

enum class TargetDirection { Decrease, Increase };
template <> struct EnumNames<TargetDirection> {
    static constexpr std::array<std::string_view, 2> names{"decrease", "increase"};
};

struct Indicator {
    std::string id;
    IndicatorKind kind = IndicatorKind::SurveyShare;
    std::optional<std::string> questionId;    // survey_share
    std::optional<std::string> indicatorName; // imported
    std::optional<std::string> baselineCampaignId;
    TargetDirection targetDirection = TargetDirection::Decrease;
    bool operator==(const Indicator&) const = default;
};

struct Promise {
    std::string id;
    Period period;
    FocusArea focusArea = FocusArea::General;
    Text text;
    std::vector<Organisation> organisations;
    std::vector<FigureRef> motivation;
    std::vector<Activity> activities;
    std::vector<Indicator> indicators;
    bool operator==(const Promise&) const = default;
};

} // namespace td::model
