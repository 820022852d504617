// Validators for observations, the checklist, dialogues, walks, places, measures, campaigns
// and promises.

#include "issues.hpp"
#include "td/core/json.hpp"

#include <algorithm>
#include <set>

namespace td::model {

using detail::IssueSink;

namespace {

inline constexpr std::size_t kMaxName = 200;
inline constexpr std::size_t kMaxNote = 500;
inline constexpr std::size_t kMaxLongText = 4000;

void optionalText(IssueSink& sink, const std::string& path, const std::optional<std::string>& v,
                  std::size_t maxChars) {
    if (v)
        sink.text(path, *v, maxChars);
}

bool validPublicCode(std::string_view code) {
    if (code.size() < 4 || code.size() > 32)
        return false;
    return std::all_of(code.begin(), code.end(), [](char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
               c == '-';
    });
}

void checkRatingScale(IssueSink& sink, const std::string& path,
                      const std::vector<RatingLabel>& labels, std::int64_t from, std::int64_t to) {
    const bool exact = static_cast<std::int64_t>(labels.size()) == to - from + 1 &&
                       std::all_of(labels.begin(), labels.end(),
                                   [&, i = from](auto& l) mutable { return l.value == i++; });
    if (!exact) {
        sink.add(path, "invalid_rating_scale",
                 "expected values " + std::to_string(from) + ".." + std::to_string(to) +
                     " in order");
    }
    for (std::size_t i = 0; i < labels.size(); ++i)
        sink.localText(json::childPath(json::indexPath(path, i), "label"), labels[i].label);
}

} // namespace

Issues validateChecklist(const WalkChecklist& c) {
    IssueSink sink;
    sink.id("id", c.id);
    if (c.items.empty())
        sink.add("items", "too_few_choices", "a checklist needs items");
    std::set<std::string> ids;
    for (std::size_t i = 0; i < c.items.size(); ++i) {
        const std::string path = json::indexPath("items", i);
        sink.id(json::childPath(path, "id"), c.items[i].id);
        if (!ids.insert(c.items[i].id).second)
            sink.add(json::childPath(path, "id"), "duplicate_id", "item appears twice");
        sink.localText(json::childPath(path, "label"), c.items[i].label);
        sink.localText(json::childPath(path, "help"), c.items[i].help);
    }
    checkRatingScale(sink, "ratings", c.ratings, 0, 3);
    sink.localText("not_applicable.label", c.notApplicable);
    checkRatingScale(sink, "overall_feeling", c.overallFeeling, 1, 5);
    if (c.timesOfDay.empty())
        sink.add("times_of_day", "too_few_choices", "offer at least one time of day");
    if (c.parties.empty())
        sink.add("parties", "too_few_choices", "offer at least one responsible party");
    return sink.take();
}

Issues validateObservation(const Observation& o, const WalkChecklist& checklist) {
    IssueSink sink;
    sink.uuid("id", o.id);
    sink.uuid("walk_id", o.walkId);
    sink.timestamp("recorded_at", o.recordedAt);
    sink.position("position", o.position);
    if (o.placeId)
        sink.id("place_id", *o.placeId);
    for (const auto& entry : o.ratings) {
        const std::string& item = entry.first; // a lambda below captures it: no binding
        const auto& rating = entry.second;
        const std::string path = json::childPath("ratings", item);
        const bool known = std::any_of(checklist.items.begin(), checklist.items.end(),
                                       [&](const ChecklistItem& i) { return i.id == item; });
        if (!known)
            sink.add(path, "unknown_checklist_item", "\"" + item + "\" is not a checklist item");
        if (rating && (*rating < 0 || *rating > 3))
            sink.add(path, "rating_out_of_range", R"(expected 0..3 or "not_applicable")");
    }
    if (o.overallFeeling < 1 || o.overallFeeling > 5)
        sink.add("overall_feeling", "rating_out_of_range", "expected 1..5");
    const bool timeOffered = std::any_of(checklist.timesOfDay.begin(), checklist.timesOfDay.end(),
                                         [&](const auto& t) { return t.id == o.timeOfDay; });
    if (!timeOffered) {
        sink.add("time_of_day", "unknown_time_of_day",
                 "\"" + std::string(toString(o.timeOfDay)) + "\" is not offered by the checklist");
    }
    optionalText(sink, "note", o.note, kMaxNote);
    optionalText(sink, "proposed_measure", o.proposedMeasure, kMaxNote);
    if (o.responsibleParty) {
        const bool offered =
            std::any_of(checklist.parties.begin(), checklist.parties.end(),
                        [&](const auto& p) { return p.id == *o.responsibleParty; });
        if (!offered)
            sink.add("responsible_party", "unknown_party", "not a party of the checklist");
    }
    return sink.take();
}

Issues validateDialogue(const Dialogue& d) {
    IssueSink sink;
    sink.uuid("id", d.id);
    if (d.campaignId)
        sink.recordId("campaign_id", *d.campaignId);
    if (d.placeId.has_value() == d.description.has_value())
        sink.add("place_id", "place_entry_source", "give exactly one of place_id and description");
    if (d.placeId)
        sink.id("place_id", *d.placeId);
    optionalText(sink, "description", d.description, kMaxNote);
    sink.id("locality", d.locality);
    sink.timestamp("started_at", d.startedAt);
    if (d.endedAt) {
        sink.timestamp("ended_at", *d.endedAt);
        sink.order("ended_at", d.startedAt, *d.endedAt);
    }
    if (d.peopleMet < 0)
        sink.add("people_met", "negative_count", "must not be negative");
    std::set<FocusArea> areas;
    for (std::size_t i = 0; i < d.topics.size(); ++i) {
        const std::string path = json::indexPath("topics", i);
        if (!areas.insert(d.topics[i].focusArea).second)
            sink.add(json::childPath(path, "focus_area"), "duplicate_focus_area",
                     "each focus area appears once");
        if (d.topics[i].count < 0)
            sink.add(json::childPath(path, "count"), "negative_count", "must not be negative");
        optionalText(sink, json::childPath(path, "note"), d.topics[i].note, kMaxNote);
    }
    return sink.take();
}

Issues validateSafetyWalk(const SafetyWalk& w) {
    IssueSink sink;
    sink.uuid("id", w.id);
    sink.text("area_name", w.areaName, kMaxName);
    sink.id("locality", w.locality);
    sink.date("date", w.date);
    sink.timestamp("started_at", w.startedAt);
    if (w.endedAt) {
        sink.timestamp("ended_at", *w.endedAt);
        sink.order("ended_at", w.startedAt, *w.endedAt);
    }
    const Participants& p = w.participants;
    const std::int64_t counts[] = {p.residents, p.police, p.municipality, p.propertyOwner, p.other};
    if (std::any_of(std::begin(counts), std::end(counts), [](auto c) { return c < 0; }))
        sink.add("participants", "negative_count", "counts must not be negative");
    else if (p.residents + p.police + p.municipality + p.propertyOwner + p.other == 0)
        sink.add("participants", "no_participants", "a walk has at least one participant");
    for (std::size_t i = 0; i < w.track.size(); ++i) {
        const TrackPoint& t = w.track[i];
        const std::string path = json::indexPath("track", i);
        sink.position(path, Position{t.lat, t.lon, t.accuracyM});
        sink.timestamp(json::childPath(path, "t"), t.t);
        if (i > 0 && isValidTimestamp(t.t) && isValidTimestamp(w.track[i - 1].t) &&
            detail::compareTimestamps(t.t, w.track[i - 1].t) < 0) {
            sink.add(json::childPath(path, "t"), "track_not_in_order",
                     "track points must be in time order");
        }
    }
    return sink.take();
}

Issues validatePlace(const Place& p) {
    IssueSink sink;
    sink.id("id", p.id);
    sink.text("name", p.name, kMaxName);
    sink.id("locality", p.locality);
    sink.position("", Position{p.lat, p.lon, 1});
    sink.id("kind", p.kind);
    std::set<std::string> aliases;
    for (std::size_t i = 0; i < p.aliases.size(); ++i) {
        sink.text(json::indexPath("aliases", i), p.aliases[i], kMaxName);
        if (!aliases.insert(p.aliases[i]).second)
            sink.add(json::indexPath("aliases", i), "duplicate_id", "alias appears twice");
    }
    return sink.take();
}

Issues validateMeasure(const Measure& m) {
    IssueSink sink;
    sink.recordId("id", m.id);
    if (m.observationId)
        sink.uuid("observation_id", *m.observationId);
    if (m.walkId)
        sink.uuid("walk_id", *m.walkId);
    sink.text("title", m.title, kMaxName);
    if (json::utf8Length(m.description) > kMaxLongText)
        sink.add("description", "text_too_long", "at most 4000 characters");
    if (m.deadline)
        sink.date("deadline", *m.deadline);
    if (m.status == MeasureStatus::Rejected) {
        if (!m.rejectionReason || detail::isBlank(*m.rejectionReason))
            sink.add("rejection_reason", "rejection_reason_required",
                     "a rejected measure needs a reason");
        else
            sink.text("rejection_reason", *m.rejectionReason, kMaxNote);
    } else if (m.rejectionReason) {
        sink.add("rejection_reason", "rejection_reason_unexpected",
                 "only rejected measures have a rejection reason");
    }
    if (m.promiseId)
        sink.recordId("promise_id", *m.promiseId);
    return sink.take();
}

Issues validateCampaign(const Campaign& c) {
    IssueSink sink;
    sink.recordId("id", c.id);
    sink.localText("name", c.name);
    sink.id("survey_id", c.surveyId);
    if (c.surveyVersion < 1)
        sink.add("survey_version", "invalid_version", "versions start at 1");
    sink.date("period_start", c.periodStart);
    sink.date("period_end", c.periodEnd);
    if (isValidDate(c.periodStart) && isValidDate(c.periodEnd)) {
        if (c.periodEnd < c.periodStart)
            sink.add("period_end", "period_reversed", "the period ends before it starts");
        const std::string year = std::to_string(c.year);
        if (c.periodStart.substr(0, 4) != year && c.periodEnd.substr(0, 4) != year)
            sink.add("year", "year_mismatch", "the year must be a year of the period");
    }
    if (c.channels.empty())
        sink.add("channels", "too_few_choices", "a campaign needs at least one channel");
    std::set<Channel> channels(c.channels.begin(), c.channels.end());
    if (channels.size() != c.channels.size())
        sink.add("channels", "duplicate_id", "a channel appears twice");
    if (!validPublicCode(c.publicCode)) {
        sink.add("public_code", "invalid_public_code", "expected 4-32 letters, digits or dashes");
    }
    // Retention: at least the campaign's period, free text no longer than the responses.
    const std::pair<const char*, const std::optional<std::string>*> retention[] = {
        {"retain_free_text_until", &c.retainFreeTextUntil},
        {"retain_responses_until", &c.retainResponsesUntil}};
    for (const auto& [field, date] : retention) {
        if (!*date)
            continue;
        sink.date(field, **date);
        if (isValidDate(**date) && isValidDate(c.periodEnd) && **date < c.periodEnd)
            sink.add(field, "retention_before_period_end",
                     "data must be kept at least until the period ends");
    }
    if (c.acceptQueuedUntil)
        sink.date("accept_queued_until", *c.acceptQueuedUntil);
    if (c.status == CampaignStatus::Closing && !c.acceptQueuedUntil)
        sink.add("accept_queued_until", "missing_field",
                 "a closing campaign says until when queued responses are accepted");
    if (c.retainFreeTextUntil && c.retainResponsesUntil &&
        *c.retainResponsesUntil < *c.retainFreeTextUntil)
        sink.add("retain_responses_until", "retention_reversed",
                 "free text cannot outlive the responses it is part of");
    return sink.take();
}

Issues validatePromise(const Promise& p) {
    IssueSink sink;
    sink.recordId("id", p.id);
    if (p.period.fromYear > p.period.toYear)
        sink.add("period", "period_reversed", "the period ends before it starts");
    sink.localText("text", p.text);
    if (p.organisations.empty())
        sink.add("organisations", "too_few_choices", "name at least one organisation");
    std::set<Organisation> organisations(p.organisations.begin(), p.organisations.end());
    if (organisations.size() != p.organisations.size())
        sink.add("organisations", "duplicate_id", "an organisation appears twice");
    for (std::size_t i = 0; i < p.motivation.size(); ++i) {
        const FigureRef& f = p.motivation[i];
        const std::string path = json::indexPath("motivation", i);
        if (f.kind == FigureKind::SurveyShare && (!f.campaignId || !f.questionId))
            sink.add(path, "incomplete_reference", "a survey share names campaign and question");
        if (f.kind == FigureKind::Imported && !f.indicator)
            sink.add(path, "incomplete_reference", "an imported figure names its indicator");
        optionalText(sink, json::childPath(path, "note"), f.note, kMaxNote);
    }
    std::set<std::string> activityIds;
    for (std::size_t i = 0; i < p.activities.size(); ++i) {
        const Activity& a = p.activities[i];
        const std::string path = json::indexPath("activities", i);
        sink.id(json::childPath(path, "id"), a.id);
        if (!activityIds.insert(a.id).second)
            sink.add(json::childPath(path, "id"), "duplicate_id", "activity appears twice");
        sink.localText(json::childPath(path, "what"), a.what);
        if (a.who == ActivityOwner::Partner && (!a.partnerName || detail::isBlank(*a.partnerName)))
            sink.add(json::childPath(path, "partner_name"), "partner_name_required",
                     "name the partner");
        sink.text(json::childPath(path, "when"), a.when, kMaxName);
    }
    std::set<std::string> indicatorIds;
    for (std::size_t i = 0; i < p.indicators.size(); ++i) {
        const Indicator& ind = p.indicators[i];
        const std::string path = json::indexPath("indicators", i);
        sink.id(json::childPath(path, "id"), ind.id);
        if (!indicatorIds.insert(ind.id).second)
            sink.add(json::childPath(path, "id"), "duplicate_id", "indicator appears twice");
        if (ind.kind == IndicatorKind::SurveyShare && !ind.questionId)
            sink.add(json::childPath(path, "question_id"), "incomplete_reference",
                     "a survey share indicator names its question");
        if (ind.kind == IndicatorKind::Imported && !ind.indicatorName)
            sink.add(json::childPath(path, "indicator_name"), "incomplete_reference",
                     "an imported indicator names its source indicator");
    }
    return sink.take();
}

} // namespace td::model
