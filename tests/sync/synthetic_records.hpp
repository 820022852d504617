#pragma once
// Test data for sync, with nothing else: the real survey content, a published campaign, and
// synthetic records generated from the survey definition (used by the sync tests, the push
// fuzz target and the soak).

#include "td/model/codec.hpp"
#include "td/model/validator.hpp"
#include "td/sync/protocol.hpp"

#include <boost/json/serialize.hpp>
#include <cstdio>
#include <stdexcept>
#include <string>
#include <vector>

namespace td::test {

inline std::string contentFile(const std::string& name) {
    return std::string(TD_SOURCE_DIR) + "/shared/content/" + name;
}

inline model::Survey loadSurvey() {
    auto survey = model::loadSurveyFile(contentFile("trygghetsenkat_vindeln.json"));
    if (!survey)
        throw std::runtime_error("cannot load survey: " + survey.error().describe());
    return std::move(survey).value();
}

inline model::WalkChecklist loadChecklist() {
    auto checklist = model::loadChecklistFile(contentFile("walk_checklist.json"));
    if (!checklist)
        throw std::runtime_error("cannot load checklist: " + checklist.error().describe());
    return std::move(checklist).value();
}

inline model::Campaign makeCampaign(const std::string& id, const model::Survey& survey,
                                    model::CampaignStatus status = model::CampaignStatus::Open) {
    model::Campaign c;
    c.id = id;
    c.name = model::Text{"Trygghetsenkät 2025", "Safety survey 2025"};
    c.surveyId = survey.id;
    c.surveyVersion = survey.version;
    c.year = 2025;
    c.periodStart = "2025-03-01";
    c.periodEnd = "2025-05-31";
    c.channels = {model::Channel::Survey, model::Channel::Kiosk, model::Channel::Web};
    c.publicCode = "VINDELN25";
    c.status = status;
    return c;
}

/// A canonical lowercase UUIDv7-shaped id derived from `n` (deterministic).
inline std::string uuidFor(std::uint64_t n, std::uint32_t salt = 0) {
    char buf[40];
    std::snprintf(buf, sizeof buf, "0190a1b2-%04x-7%03x-8%03x-%012llx",
                  static_cast<unsigned>(salt & 0xffff), static_cast<unsigned>((n >> 48) & 0xfff),
                  static_cast<unsigned>((n >> 36) & 0xfff),
                  static_cast<unsigned long long>(n & 0xfffffffffULL));
    return buf;
}

/// A valid response answering every question that is visible (in order), with choices that
/// vary with `n`; about 30 answers for the Vindeln survey.
inline model::Response syntheticResponse(const model::Survey& survey, const std::string& campaignId,
                                         std::uint64_t n) {
    model::Response r;
    r.id = uuidFor(n);
    r.campaignId = campaignId;
    r.surveyId = survey.id;
    r.surveyVersion = survey.version;
    r.channel = model::Channel::Web;
    r.submittedAt = "2025-04-12T18:30:00Z";
    r.locale = "sv";
    std::uint64_t k = n * 2654435761u + 7;
    auto pick = [&](std::size_t size) {
        k = k * 6364136223846793005ULL + 1442695040888963407ULL;
        return static_cast<std::size_t>((k >> 33) % size);
    };
    for (const model::Section& section : survey.sections) {
        for (const model::Question& q : section.questions) {
            if (!model::isVisible(q, r.answers))
                continue;
            using T = model::QuestionType;
            switch (q.type) {
            case T::Scale:
                r.answers[q.id] = q.points[pick(q.points.size())].value;
                break;
            case T::Single:
                r.answers[q.id] = q.choices[pick(q.choices.size())].id;
                break;
            case T::Multi: {
                std::vector<std::string> ids;
                for (const model::Choice& c : q.choices) {
                    bool exclusive = false;
                    for (const auto& e : q.exclusive)
                        exclusive = exclusive || e == c.id;
                    if (!exclusive && ids.size() < 2)
                        ids.push_back(c.id);
                }
                r.answers[q.id] = ids;
                break;
            }
            case T::YesNo:
                r.answers[q.id] = pick(2) == 0;
                break;
            case T::Number:
                r.answers[q.id] = static_cast<std::int64_t>(q.min);
                break;
            case T::Text:
                r.answers[q.id] = std::string("Bättre belysning vid busshållplatsen");
                break;
            case T::Place: {
                model::PlaceEntry e;
                e.description = "Gångtunneln under järnvägen";
                if (!q.timesOfDay.empty())
                    e.timesOfDay = {q.timesOfDay.front()};
                if (!q.reasons.empty())
                    e.reasons = {q.reasons.front().id};
                r.answers[q.id] = std::vector<model::PlaceEntry>{e};
                break;
            }
            }
        }
    }
    return r;
}

inline model::Dialogue syntheticDialogue(const std::string& id) {
    model::Dialogue d;
    d.id = id;
    d.description = "Coop Vindeln, entrén";
    d.locality = "vindeln";
    d.startedAt = "2025-04-12T10:00:00Z";
    d.endedAt = "2025-04-12T13:00:00Z";
    d.peopleMet = 23;
    d.topics = {
        model::DialogueTopic{model::FocusArea::Traffic, 6, std::string("Fart på Storgatan")}};
    d.organisation = model::Organisation::Polis;
    return d;
}

inline model::SafetyWalk syntheticWalk(const std::string& id) {
    model::SafetyWalk w;
    w.id = id;
    w.areaName = "Vindeln centrum";
    w.locality = "vindeln";
    w.date = "2025-10-15";
    w.startedAt = "2025-10-15T18:00:00Z";
    w.endedAt = "2025-10-15T19:30:00Z";
    w.participants = model::Participants{8, 2, 3, 1, 0};
    w.track = {model::TrackPoint{64.2012, 19.7151, 8.5, "2025-10-15T18:00:00Z"},
               model::TrackPoint{64.2020, 19.7160, 6.0, "2025-10-15T18:05:00Z"}};
    return w;
}

inline model::Observation syntheticObservation(const std::string& id, const std::string& walkId,
                                               const model::WalkChecklist& checklist) {
    model::Observation o;
    o.id = id;
    o.walkId = walkId;
    o.recordedAt = "2025-10-15T18:10:00Z";
    o.position = model::Position{64.2015, 19.7155, 7.0};
    for (const auto& item : checklist.items)
        o.ratings[item.id] = 2;
    o.overallFeeling = 2;
    o.timeOfDay = model::TimeOfDay::Evening;
    o.note = "Trasig gatlykta";
    o.proposedMeasure = "Byt armatur";
    o.responsibleParty = model::ResponsibleParty::Kommun;
    return o;
}

template <class T> std::string bodyOf(const T& value) {
    return boost::json::serialize(model::encode(value));
}

/// JSON text of a push request carrying `records`.
inline std::string pushBody(const std::vector<sync::PushRecord>& records) {
    sync::PushRequest request;
    request.records = records;
    auto text = sync::encodePushRequest(request);
    if (!text)
        throw std::runtime_error(text.error().describe());
    return std::move(text).value();
}

} // namespace td::test
