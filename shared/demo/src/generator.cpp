#include "td/demo/generator.hpp"

#include "answers.hpp"
#include "extras.hpp"
#include "random.hpp"
#include "td/model/codec.hpp"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <sstream>

namespace td::demo {

using detail::Rng;

std::string surveyCampaignId(std::int64_t year) {
    return "trygghetsenkat_" + std::to_string(year);
}
std::string dialogueCampaignId(std::int64_t year) {
    return "medborgardialog_" + std::to_string(year);
}

namespace {

constexpr std::int64_t kMsPerDay = 86'400'000;

// Response propensity by age band rank: the young answer least, the old most.
double propensity(std::size_t age, std::size_t bands) {
    const double rank = bands > 1 ? static_cast<double>(age) / (bands - 1) : 0.0;
    return 0.35 + 1.05 * rank;
}

detail::Respondent drawRespondent(const DemoOptions& o, const std::vector<double>& cellWeights,
                                  std::size_t wave, Rng& rng) {
    const auto& pop = o.population;
    const std::size_t cell = rng.pick(cellWeights);
    detail::Respondent who;
    who.age = cell / pop.localities.size();
    who.ageBands = pop.ageBands.size();
    who.locality = pop.localities[cell % pop.localities.size()];
    who.worry = rng.normal();
    who.improvement = o.years.size() > 1 ? static_cast<double>(wave) / (o.years.size() - 1) : 0;
    return who;
}

model::Campaign makeCampaign(const model::Survey& s, std::string id, std::int64_t year,
                             unsigned fromMonth, unsigned toMonth, std::vector<model::Channel> ch,
                             bool closed) {
    model::Campaign c;
    c.id = std::move(id);
    c.surveyId = s.id;
    c.surveyVersion = s.version;
    c.year = year;
    c.name = {s.title.sv + " " + std::to_string(year), s.title.en + " " + std::to_string(year)};
    c.periodStart = detail::date(detail::dayOf(year, fromMonth, 1));
    c.periodEnd = detail::date(detail::dayOf(year, toMonth + 1, 1) - 1);
    c.channels = std::move(ch);
    c.publicCode =
        (s.kind == model::SurveyKind::Dialogue ? "DIALOG-" : "VINDELN-") + std::to_string(year);
    c.status = closed ? model::CampaignStatus::Closed : model::CampaignStatus::Open;
    return c;
}

const model::Place* findPlace(const std::vector<model::Place>& places, std::string_view id) {
    for (const auto& p : places)
        if (p.id == id)
            return &p;
    return nullptr;
}

void addWalk(DemoData& out, const DemoOptions& o, std::int64_t year, bool earlier, Rng& rng) {
    std::vector<const model::Place*> stops;
    for (const auto& id : o.walkStops)
        if (const auto* p = findPlace(o.places, id))
            stops.push_back(p);
    if (stops.empty())
        return;
    const std::int64_t day = detail::dayOf(year, 9, 18 - (earlier ? 2 : 0));
    const std::int64_t start = 18 * 3600 + 30 * 60;
    model::SafetyWalk w;
    w.id = detail::uuidV7(day * kMsPerDay + start * 1000, rng);
    w.areaName = "Vindeln centrum";
    w.locality = stops.front()->locality;
    w.date = detail::date(day);
    w.startedAt = detail::timestamp(day, start);
    w.participants = {earlier ? 6 : 11, 2, 2, earlier ? 0 : 1, 1};
    std::int64_t t = start;
    for (std::size_t i = 0; i <= stops.size(); ++i) {
        const model::Place& a = *stops[i % stops.size()];
        const model::Place& b = *stops[(i + 1) % stops.size()];
        for (int k = 0; k < 10 && i < stops.size(); ++k, t += 30) {
            const double f = k / 10.0;
            w.track.push_back({a.lat + (b.lat - a.lat) * f + rng.normal() * 2e-5,
                               a.lon + (b.lon - a.lon) * f + rng.normal() * 4e-5,
                               std::round((3.0 + rng.uniform() * 8.0) * 10) / 10,
                               detail::timestamp(day, t)});
        }
    }
    w.endedAt = detail::timestamp(day, t);
    for (std::size_t i = 0; i < stops.size(); ++i) {
        const model::Place& p = *stops[i];
        model::Observation ob;
        const std::int64_t at = start + static_cast<std::int64_t>(i) * 300 + 120;
        ob.id = detail::uuidV7(day * kMsPerDay + at * 1000, rng);
        ob.walkId = w.id;
        ob.recordedAt = detail::timestamp(day, at);
        ob.position = {p.lat + rng.normal() * 2e-5, p.lon + rng.normal() * 4e-5,
                       std::round((3.0 + rng.uniform() * 6.0) * 10) / 10};
        ob.placeId = p.id;
        const bool dark = p.kind == "underpass" || p.kind == "park";
        double badness = (dark ? 1.6 : 0.7) + (earlier ? 0.5 : 0.0);
        if (o.checklist)
            for (const auto& item : o.checklist->items) {
                if (item.id == "traffic_safety" && p.kind == "park") {
                    ob.ratings[item.id] = std::nullopt;
                    continue;
                }
                const double extra = item.id == "lighting" && dark ? 0.8 : 0.0;
                const double v = badness + extra + rng.normal() * 0.6;
                ob.ratings[item.id] = std::clamp<std::int64_t>(std::llround(v), 0, 3);
            }
        ob.overallFeeling =
            std::clamp<std::int64_t>(std::llround(4.0 - badness + rng.normal() * 0.5), 1, 5);
        ob.timeOfDay = model::TimeOfDay::Evening;
        if (dark) {
            ob.note = p.kind == "underpass" ? "Mörkt och ingen insyn i tunneln"
                                            : "Buskar skymmer sikten, trasig lampa";
            ob.proposedMeasure = p.kind == "underpass" ? "Byt till starkare belysning i tunneln"
                                                       : "Röj buskage och laga belysningen";
            ob.responsibleParty = model::ResponsibleParty::Kommun;
        }
        out.observations.push_back(ob);
        if (dark && !earlier) {
            model::Measure m;
            m.id = detail::uuidV7(day * kMsPerDay + at * 1000 + 500, rng);
            m.observationId = ob.id;
            m.walkId = w.id;
            m.title = *ob.proposedMeasure;
            m.description = "Från trygghetsvandringen " + w.date + " vid " + p.name + ".";
            m.focusArea = model::FocusArea::UnsafePlaces;
            m.responsibleParty = model::ResponsibleParty::Kommun;
            m.priority = model::Priority::High;
            m.deadline = detail::date(day + 120);
            m.status = p.kind == "underpass" ? model::MeasureStatus::InProgress
                                             : model::MeasureStatus::Decided;
            out.measures.push_back(m);
        }
    }
    out.walks.push_back(std::move(w));
}

} // namespace

ResponseStream::ResponseStream(std::uint64_t seed, const DemoOptions& options, std::size_t wave)
    : m_options(&options)
    , m_wave(wave)
    , m_state(seed ^ (0xA5A5'0000'0000'0000ull + wave)) {
    const auto& pop = options.population;
    for (std::size_t a = 0; a < pop.ageBands.size(); ++a)
        for (std::size_t l = 0; l < pop.localities.size(); ++l)
            m_cellWeights.push_back(pop.independentCell(a, l) * propensity(a, pop.ageBands.size()));
}

model::Response ResponseStream::next() {
    Rng rng(m_state);
    const DemoOptions& o = *m_options;
    const std::int64_t year = o.years[m_wave];
    const detail::Respondent who = drawRespondent(o, m_cellWeights, m_wave, rng);
    const std::int64_t first = detail::dayOf(year, 3, 1);
    const std::int64_t day = first + static_cast<std::int64_t>(rng.below(61));
    const std::int64_t second = 7 * 3600 + static_cast<std::int64_t>(rng.below(15 * 3600));
    model::Response r;
    r.id = detail::uuidV7(
        day * kMsPerDay + second * 1000 + static_cast<std::int64_t>(rng.below(1000)), rng);
    r.campaignId = surveyCampaignId(year);
    r.surveyId = o.survey.id;
    r.surveyVersion = o.survey.version;
    r.channel = rng.chance(0.7) ? model::Channel::Web : model::Channel::Survey;
    r.submittedAt = detail::timestamp(day, second);
    r.locale = rng.chance(0.95) ? "sv" : "en";
    r.answers = detail::answerSurvey(o.survey, who, o.places, o.population.ageBands, rng);
    m_state = rng.state();
    return r;
}

DemoData generate(std::uint64_t seed, const DemoOptions& o) {
    DemoData out;
    Rng rng(seed);
    out.surveys.push_back(o.survey);
    if (o.dialogueSurvey)
        out.surveys.push_back(*o.dialogueSurvey);
    out.places = o.places;
    for (std::size_t wave = 0; wave < o.years.size(); ++wave) {
        const std::int64_t year = o.years[wave];
        const bool last = wave + 1 == o.years.size();
        out.campaigns.push_back(makeCampaign(o.survey, surveyCampaignId(year), year, 3, 4,
                                             {model::Channel::Survey, model::Channel::Web}, !last));
        ResponseStream stream(seed, o, wave);
        for (std::size_t i = 0; i < o.responsesPerWave; ++i)
            out.responses.push_back(stream.next());
        if (o.dialogueSurvey)
            out.campaigns.push_back(
                makeCampaign(*o.dialogueSurvey, dialogueCampaignId(year), year, 5, 10,
                             {model::Channel::Dialogue, model::Channel::Kiosk}, !last));
    }

    // Dialogues at registry places around the municipality, with kiosk answers.
    std::vector<double> cellWeights;
    for (std::size_t a = 0; a < o.population.ageBands.size(); ++a)
        for (std::size_t l = 0; l < o.population.localities.size(); ++l)
            cellWeights.push_back(o.population.independentCell(a, l));
    for (std::size_t wave = 0; wave < o.years.size(); ++wave) {
        const std::int64_t year = o.years[wave];
        for (std::size_t i = 0; i < o.dialoguesPerYear && !o.places.empty(); ++i) {
            const model::Place& where = o.places[(i * 5 + wave) % o.places.size()];
            const std::int64_t day =
                detail::dayOf(year, 5, 1) + static_cast<std::int64_t>(i * 25 + rng.below(10));
            const std::int64_t start = (10 + static_cast<std::int64_t>(rng.below(6))) * 3600;
            model::Dialogue d;
            d.id = detail::uuidV7(day * kMsPerDay + start * 1000, rng);
            if (o.dialogueSurvey)
                d.campaignId = dialogueCampaignId(year);
            d.placeId = where.id;
            d.locality = where.locality;
            d.startedAt = detail::timestamp(day, start);
            d.endedAt = detail::timestamp(day, start + 2 * 3600);
            d.peopleMet = 8 + static_cast<std::int64_t>(rng.below(30));
            d.organisation = i % 2 == 0 ? model::Organisation::Polis : model::Organisation::Kommun;
            for (model::FocusArea area :
                 {model::FocusArea::Drugs, model::FocusArea::Traffic,
                  model::FocusArea::CloseViolence, model::FocusArea::EconomicCrime,
                  model::FocusArea::UnsafePlaces}) {
                const double mean = area == model::FocusArea::Traffic         ? 0.35
                                    : area == model::FocusArea::CloseViolence ? 0.05
                                                                              : 0.18;
                const auto count = static_cast<std::int64_t>(
                    std::llround(d.peopleMet * mean * (0.5 + rng.uniform())));
                if (count > 0)
                    d.topics.push_back({area, count, std::nullopt});
            }
            if (o.dialogueSurvey) {
                const auto answering = static_cast<std::size_t>(d.peopleMet / 2);
                for (std::size_t k = 0; k < answering; ++k) {
                    detail::Respondent who = drawRespondent(o, cellWeights, wave, rng);
                    who.locality = rng.chance(0.8) ? where.locality : who.locality;
                    model::Response r;
                    const std::int64_t at = start + 300 + static_cast<std::int64_t>(k * 240);
                    r.id = detail::uuidV7(day * kMsPerDay + at * 1000, rng);
                    r.campaignId = *d.campaignId;
                    r.surveyId = o.dialogueSurvey->id;
                    r.surveyVersion = o.dialogueSurvey->version;
                    r.channel = model::Channel::Kiosk;
                    r.dialogueId = d.id;
                    r.submittedAt = detail::timestamp(day, at);
                    r.answers = detail::answerSurvey(*o.dialogueSurvey, who, o.places,
                                                     o.population.ageBands, rng);
                    out.responses.push_back(std::move(r));
                }
            }
            out.dialogues.push_back(std::move(d));
        }
    }
    // Safety walks: the latest year, and when there are several waves, the first one too.
    for (std::size_t i = 0; i < o.walks && !o.years.empty(); ++i) {
        const bool earlier = i % 2 == 1 && o.years.size() > 1;
        addWalk(out, o, earlier ? o.years.front() : o.years.back(), earlier, rng);
    }
    addYouthKiosk(out, seed, o);
    out.indicators = demoIndicators(seed, o);
    return out;
}

std::vector<DemoRecord> DemoData::records() const {
    std::vector<DemoRecord> out;
    using K = model::RecordKind;
    auto add = [&](K kind, const std::string& id, boost::json::value body) {
        out.push_back({kind, id, std::move(body)});
    };
    for (const auto& s : surveys)
        add(K::Survey, s.id, model::encode(s));
    for (const auto& p : places)
        add(K::Place, p.id, model::encode(p));
    for (const auto& c : campaigns)
        add(K::Campaign, c.id, model::encode(c));
    for (const auto& d : dialogues)
        add(K::Dialogue, d.id, model::encode(d));
    for (const auto& r : responses)
        add(K::Response, r.id, model::encode(r));
    for (const auto& w : walks)
        add(K::SafetyWalk, w.id, model::encode(w));
    for (const auto& ob : observations)
        add(K::Observation, ob.id, model::encode(ob));
    for (const auto& m : measures)
        add(K::Measure, m.id, model::encode(m));
    return out;
}

Result<DemoOptions> loadDemoOptions(const std::string& contentDir,
                                    const std::string& populationJson) {
    DemoOptions o;
    auto survey = model::loadSurveyFile(contentDir + "/trygghetsenkat_vindeln.json");
    if (!survey)
        return survey.error();
    o.survey = std::move(*survey);
    auto dialogue = model::loadSurveyFile(contentDir + "/medborgardialog.json");
    if (!dialogue)
        return dialogue.error();
    o.dialogueSurvey = std::move(*dialogue);
    auto checklist = model::loadChecklistFile(contentDir + "/walk_checklist.json");
    if (!checklist)
        return checklist.error();
    o.checklist = std::move(*checklist);
    auto places = model::loadPlacesFile(contentDir + "/places_vindeln.json");
    if (!places)
        return places.error();
    o.places = std::move(places->places);
    std::ifstream in(populationJson, std::ios::binary);
    if (!in)
        return makeError("io_error", "cannot read " + populationJson, populationJson);
    std::stringstream text;
    text << in.rdbuf();
    auto population = picture::loadPopulationTable(text.str());
    if (!population)
        return population.error();
    o.population = std::move(*population);
    return o;
}

} // namespace td::demo
