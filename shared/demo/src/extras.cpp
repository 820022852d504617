// The parts of the demo data beside the survey waves: the youth-centre kiosk round (too few
// answers on purpose) and the synthetic police and municipality figures.
#include "extras.hpp"

#include "answers.hpp"
#include "random.hpp"

#include <algorithm>
#include <cmath>

namespace td::demo {

std::string youthKioskCampaignId(std::int64_t year) {
    return "ungdomsdialog_" + std::to_string(year);
}

namespace {

struct Series {
    const char* indicator;
    const char* nameSv;
    const char* nameEn;
    model::FocusArea area;
    const char* source;
    double level;  ///< yearly count in the first year
    double growth; ///< relative change per year
};

// Invented orders of magnitude for a municipality of about 5 500 people.
constexpr Series kSeries[] = {
    {"anmalda_narkotikabrott", "Anmälda narkotikabrott", "Reported drug offences",
     model::FocusArea::Drugs, "Polisen", 31.0, 0.07},
    {"anmalda_trafikbrott", "Anmälda trafikbrott", "Reported traffic offences",
     model::FocusArea::Traffic, "Polisen", 148.0, -0.03},
    {"anmald_vald_nara_relation", "Anmält våld i nära relation",
     "Reported violence in close relationships", model::FocusArea::CloseViolence, "Polisen", 19.0,
     0.04},
    {"anmalda_bedragerier", "Anmälda bedrägerier", "Reported frauds",
     model::FocusArea::EconomicCrime, "Polisen", 84.0, 0.06},
    {"skadegorelse_anmalningar", "Anmälningar om skadegörelse", "Reports of vandalism",
     model::FocusArea::UnsafePlaces, "Vindelns kommun", 52.0, -0.08},
};

constexpr std::int64_t kMsPerDay = 86'400'000;

} // namespace

std::vector<picture::Indicator> demoIndicators(std::uint64_t seed, const DemoOptions& o) {
    std::vector<picture::Indicator> out;
    if (o.years.empty())
        return out;
    detail::Rng rng(seed ^ 0x1D1CA7025EEDull);
    const std::int64_t first = o.years.front() - 2;
    for (const Series& s : kSeries) {
        for (std::int64_t year = first; year <= o.years.back(); ++year) {
            const double trend =
                s.level * std::pow(1.0 + s.growth, static_cast<double>(year - first));
            const double noise = std::clamp(rng.normal(), -2.0, 2.0) * 0.08;
            out.push_back({s.indicator, s.area, std::to_string(year),
                           std::max(0.0, std::round(trend * (1.0 + noise))), s.source, s.nameSv,
                           s.nameEn});
        }
    }
    return out;
}

void addYouthKiosk(DemoData& out, std::uint64_t seed, const DemoOptions& o) {
    // Part of the year's dialogues: none without them.
    if (!o.dialogueSurvey || o.dialoguesPerYear == 0 || o.youthKioskResponses == 0 ||
        o.years.empty() || o.population.localities.empty())
        return;
    const model::Survey& survey = *o.dialogueSurvey;
    const std::int64_t year = o.years.back();
    detail::Rng rng(seed ^ 0x7007Bull);
    model::Campaign c;
    c.id = youthKioskCampaignId(year);
    c.surveyId = survey.id;
    c.surveyVersion = survey.version;
    c.year = year;
    c.name = {"Ungdomsdialog på fritidsgården " + std::to_string(year),
              "Youth dialogue at the youth centre " + std::to_string(year)};
    // After the year's dialogue campaign (May–October), so it is the year's newest round.
    c.periodStart = detail::date(detail::dayOf(year, 11, 1));
    c.periodEnd = detail::date(detail::dayOf(year, 12, 31));
    c.channels = {model::Channel::Kiosk};
    c.publicCode = "UNGDOM-" + std::to_string(year);
    c.status = model::CampaignStatus::Closed;
    out.campaigns.push_back(c);
    const std::int64_t day = detail::dayOf(year, 11, 14);
    for (std::size_t i = 0; i < o.youthKioskResponses; ++i) {
        detail::Respondent who;
        who.worry = rng.normal();
        who.age = 0; // the youngest band
        who.ageBands = o.population.ageBands.size();
        who.locality = o.population.localities.front();
        who.improvement = 1.0;
        const std::int64_t at = 18 * 3600 + static_cast<std::int64_t>(i) * 420;
        model::Response r;
        r.id = detail::uuidV7(day * kMsPerDay + at * 1000, rng);
        r.campaignId = c.id;
        r.surveyId = survey.id;
        r.surveyVersion = survey.version;
        r.channel = model::Channel::Kiosk;
        r.submittedAt = detail::timestamp(day, at);
        r.locale = "sv";
        r.answers = detail::answerSurvey(survey, who, o.places, o.population.ageBands, rng);
        out.responses.push_back(std::move(r));
    }
}

} // namespace td::demo
