#pragma once
// Deterministic demo data for Vindeln: two survey waves a few years apart, kiosk dialogues,
// safety walks with observations and a few measures. The same seed and options always give
// byte-identical records.

#include "td/core/result.hpp"
#include "td/model/model.hpp"
#include "td/picture/indicators.hpp"
#include "td/picture/population.hpp"

#include <boost/json/value.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace td::demo {

struct DemoOptions {
    model::Survey survey;                          ///< the trygghetsenkät
    std::optional<model::Survey> dialogueSurvey;   ///< the kiosk survey of dialogues
    std::vector<model::Place> places;              ///< the place registry
    std::optional<model::WalkChecklist> checklist; ///< items rated on walks
    picture::PopulationTable population;           ///< adults by age band × locality
    std::vector<std::int64_t> years{2022, 2025};   ///< one survey wave per year, oldest first
    std::size_t responsesPerWave = 600;
    std::size_t dialoguesPerYear = 6;
    std::size_t walks = 2; ///< in the last year, at the walk stops
    /// Kiosk answers at the youth centre late in the last year (dialogue survey), fewer than
    /// k = 5 on purpose: a follow-up figure measured there is suppressed.
    std::size_t youthKioskResponses = 3;
    /// Registry ids of the walk's stops, in order (vindeln.json's walk_track).
    std::vector<std::string> walkStops{"vindeln_stationen", "vindeln_centrumparken",
                                       "vindeln_skolgarden", "vindeln_gc_tunneln",
                                       "vindeln_busshallplats_centrum"};
};

/// Reads the surveys, checklist and place registry from `contentDir` (trygghetsenkat_vindeln.json,
/// medborgardialog.json, walk_checklist.json, places_vindeln.json) and the population table from
/// `populationJson`.
Result<DemoOptions> loadDemoOptions(const std::string& contentDir,
                                    const std::string& populationJson);

/// One record as sync and the server store carry it.
struct DemoRecord {
    model::RecordKind kind = model::RecordKind::Response;
    std::string id;
    boost::json::value body; ///< model::encode of the record
};

struct DemoData {
    std::vector<model::Survey> surveys;
    std::vector<model::Place> places;
    std::vector<model::Campaign> campaigns;
    std::vector<model::Response> responses;
    std::vector<model::Dialogue> dialogues;
    std::vector<model::SafetyWalk> walks;
    std::vector<model::Observation> observations;
    std::vector<model::Measure> measures;
    /// Synthetic police and municipality figures per year (not records: imported on the server).
    std::vector<picture::Indicator> indicators;

    /// Every record encoded, in dependency order (surveys, places, campaigns, then the rest).
    std::vector<DemoRecord> records() const;
};

/// The whole demo data set.
DemoData generate(std::uint64_t seed, const DemoOptions& options);

/// Campaign id of a wave: "trygghetsenkat_<year>", and of its dialogues "medborgardialog_<year>".
std::string surveyCampaignId(std::int64_t year);
std::string dialogueCampaignId(std::int64_t year);
/// Campaign id of the youth-centre kiosk round of a year: "ungdomsdialog_<year>".
std::string youthKioskCampaignId(std::int64_t year);

/// Deterministic, clearly synthetic yearly figures for Vindeln from two years before the first
/// wave to the last: reported narcotics, traffic, close-violence and fraud offences ("Polisen")
/// and vandalism reports to the municipality ("Vindelns kommun").
std::vector<picture::Indicator> demoIndicators(std::uint64_t seed, const DemoOptions& options);

/// Streams survey responses for one wave without holding them all (benchmarks use millions).
/// Wave index 0 is the oldest; later waves are a little safer in drugs and unsafe places.
class ResponseStream {
public:
    /// `options` must outlive the stream.
    ResponseStream(std::uint64_t seed, const DemoOptions& options, std::size_t wave);
    model::Response next();

private:
    const DemoOptions* m_options;
    std::size_t m_wave;
    std::uint64_t m_state;
    std::vector<double> m_cellWeights; ///< sampling weights per (age, locality) cell
};

} // namespace td::demo
