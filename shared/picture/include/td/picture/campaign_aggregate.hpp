#pragma once
// A campaign's survey answers reduced to what its whole-campaign picture, trend and yearly
// follow-up need, kept when the retention purge removes the raw responses
// (docs/retention.md). Counts per population group (age band × locality × gender) and answer,
// and the place mentions without free text: no response, answer set or text survives in it.

#include "td/core/result.hpp"

#include <boost/json/value.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace td::picture {

struct CampaignAggregate {
    std::string campaignId;
    /// A population group, by label ("" when the respondent did not say).
    struct Stratum {
        std::string ageBand; ///< the population table's label, e.g. "25-44"
        std::string locality;
        std::string gender; ///< the survey's choice id
        std::uint32_t respondents = 0;
        bool operator==(const Stratum&) const = default;
    };
    std::vector<Stratum> strata;
    /// How many in stratum `stratum` (index into strata) gave `answer`: a category id (a
    /// scale point's value, a choice id, "yes"/"no"), "vet_ej", or "_missing" (categorical
    /// questions: not answered) / "_answered" (multi, number, text, place: answered).
    struct Count {
        std::uint32_t stratum = 0;
        std::string answer;
        std::uint32_t n = 0;
        bool operator==(const Count&) const = default;
    };
    struct Sum {
        std::uint32_t stratum = 0;
        double sum = 0.0; ///< number answers added up
        bool operator==(const Sum&) const = default;
    };
    struct Question {
        std::string id;
        std::vector<Count> counts;
        std::vector<Sum> sums;
        std::vector<Sum> squares; ///< number answers squared and added up (for their variance)
        bool operator==(const Question&) const = default;
    };
    std::vector<Question> questions;
    /// A focus area's worry items per respondent: how many in a stratum answered `a` of the
    /// area's worry items substantively and `w` of them with worry, as the answer "a/w" (the
    /// concern score's counts; docs/lagesbild.md).
    struct Area {
        std::string area; ///< focus area id
        std::vector<Count> counts;
        bool operator==(const Area&) const = default;
    };
    std::vector<Area> areas;
    /// A place named in an answer, with the respondent's ordinal within the campaign (so
    /// mentions of one respondent stay together) and their group; never a description.
    struct Mention {
        std::uint32_t respondent = 0;
        std::uint32_t stratum = 0;
        std::optional<std::string> placeId;
        std::optional<double> lat;
        std::optional<double> lon;
        std::uint8_t timesMask = 0; ///< bit per model::TimeOfDay
        std::vector<std::string> reasons;
        bool operator==(const Mention&) const = default;
    };
    std::vector<Mention> mentions;
    /// Precomputed results that need respondent-level rows, kept as JSON by key:
    /// "rank_intervals" holds the focus areas' bootstrap rank intervals for the whole campaign
    /// ("") and each locality ({"<locality>": {"replicates", "seed", "areas": [[area, low,
    /// high], …]}}).
    boost::json::object extras;

    bool operator==(const CampaignAggregate&) const = default;
};

boost::json::value encode(const CampaignAggregate& aggregate);
/// Strict decode; fails with a codec error naming the path.
Result<CampaignAggregate> decodeCampaignAggregate(const boost::json::value& value);

} // namespace td::picture
