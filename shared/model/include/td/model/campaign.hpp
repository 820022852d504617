#pragma once
// Undersökningsomgång: a survey version used in a period with its channels and public code.

#include "td/model/common.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace td::model {

/// How a response was gathered (also the channels a campaign is open for).
enum class Channel { Survey, Dialogue, Kiosk, Web };
template <> struct EnumNames<Channel> {
    static constexpr std::array<std::string_view, 4> names{"survey", "dialogue", "kiosk", "web"};
};

/// Open: anyone may start a response. Closing: no new response is started (the web survey and
/// resident enrolment refuse), but responses queued offline before are still accepted up to and
/// including `acceptQueuedUntil`. Closed: nothing new is accepted.
enum class CampaignStatus { Open, Closing, Closed };
template <> struct EnumNames<CampaignStatus> {
    static constexpr std::array<std::string_view, 3> names{"open", "closing", "closed"};
};

struct Campaign {
    std::string id;
    Text name;
    std::string surveyId;
    std::int64_t surveyVersion = 1;
    std::int64_t year = 0;
    std::string periodStart; // YYYY-MM-DD
    std::string periodEnd;   // YYYY-MM-DD, inclusive
    std::vector<Channel> channels;
    std::string publicCode;
    CampaignStatus status = CampaignStatus::Open;
    /// Retention (YYYY-MM-DD, inclusive): free-text answers are kept until the first date and
    /// raw responses until the second; after that the purge removes them (docs/retention.md).
    /// Unset means the server's defaults, counted from period_end.
    std::optional<std::string> retainFreeTextUntil;
    std::optional<std::string> retainResponsesUntil;
    /// While closing: the last day (YYYY-MM-DD, Swedish date, inclusive) on which responses
    /// queued offline are still accepted.
    std::optional<std::string> acceptQueuedUntil;
    bool operator==(const Campaign&) const = default;
};

} // namespace td::model
