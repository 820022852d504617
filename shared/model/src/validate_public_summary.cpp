// The rules that keep a published summary public: nothing counted by fewer than k, no free
// text, and the summary is the one for the record's campaign.

#include "td/model/public_summary.hpp"

namespace td::model {

namespace {

bool small(std::int64_t count, std::int64_t k) {
    return count > 0 && count < k;
}

class Checker {
public:
    Checker(std::int64_t k, Issues& issues)
        : m_k(k)
        , m_issues(issues) {}

    void count(const std::string& path, std::optional<std::int64_t> value) {
        if (value && small(*value, m_k))
            m_issues.push_back(
                {path, "below_min_cell",
                 "the count " + std::to_string(*value) + " is below k = " + std::to_string(m_k)});
    }

    void question(const SummaryQuestion& q, const std::string& path) {
        if (q.type == QuestionType::Text)
            m_issues.push_back({path + ".type", "free_text",
                                "a free-text question may not be in a public summary"});
        count(path + ".answered", q.answered);
        count(path + ".dont_know", q.dontKnow);
        count(path + ".non_substantive", q.nonSubstantive);
        if (q.distribution)
            for (std::size_t i = 0; i < q.distribution->size(); ++i)
                count(path + ".distribution[" + std::to_string(i) + "].count",
                      (*q.distribution)[i].count);
        if (q.negative && q.negative->unweighted.base < static_cast<double>(m_k))
            m_issues.push_back({path + ".negative.unweighted.base", "below_min_cell",
                                "the negative share rests on fewer than k answers"});
        if (!q.breakdowns)
            return;
        for (std::size_t b = 0; b < q.breakdowns->size(); ++b) {
            const auto& cells = (*q.breakdowns)[b].cells;
            for (std::size_t c = 0; c < cells.size(); ++c)
                if (cells[c].base < m_k)
                    m_issues.push_back({path + ".breakdowns[" + std::to_string(b) + "].cells[" +
                                            std::to_string(c) + "].base",
                                        "below_min_cell", "a breakdown cell below k"});
        }
    }

    void place(const SummaryPlace& p, const std::string& path) {
        count(path + ".survey_mentions", p.surveyMentions);
        count(path + ".observations", p.observations);
        if (p.surveyMentions && p.observations && *p.surveyMentions + *p.observations < m_k)
            m_issues.push_back({path, "below_min_cell", "a place mentioned fewer than k times"});
        if (p.surveyMentions.has_value() != p.observations.has_value() &&
            p.surveyMentions.value_or(0) + p.observations.value_or(0) > 0)
            m_issues.push_back({path, "recoverable",
                                "a place shows one of survey mentions and observations while "
                                "the other is withheld"});
        if (!p.observations && p.severity)
            m_issues.push_back({path + ".severity", "recoverable",
                                "a place shows a severity while its observations are withheld"});
        if ((!p.surveyMentions || !p.observations) && shownTallies(p))
            m_issues.push_back({path, "recoverable",
                                "a place shows times of day or reasons while a count they are "
                                "tallied over is withheld"});
        for (std::size_t t = 0; t < p.timesOfDay.size(); ++t)
            count(path + ".times_of_day." + std::string(toString(static_cast<TimeOfDay>(t))),
                  p.timesOfDay[t]);
        for (const auto& [id, n] : p.reasons)
            count(path + ".reasons." + id, n);
    }

private:
    static bool shownTallies(const SummaryPlace& p) {
        for (const auto& t : p.timesOfDay)
            if (t.value_or(0) > 0)
                return true;
        return !p.reasons.empty();
    }

    std::int64_t m_k;
    Issues& m_issues;
};

} // namespace

void withholdSmallCounts(PictureSummary& summary, std::int64_t k) {
    for (SummaryQuestion& q : summary.questions) {
        if (q.nonSubstantive && small(*q.nonSubstantive, k))
            q.nonSubstantive.reset();
        if (!q.dontKnow)
            continue;
        bool cellShown = false;
        if (q.distribution)
            for (const SummaryCategory& c : *q.distribution)
                cellShown = cellShown || c.id == kDontKnow;
        if (small(*q.dontKnow, k) || (*q.dontKnow > 0 && !cellShown))
            q.dontKnow.reset();
    }
    for (SummaryPlace& p : summary.places) {
        for (auto& t : p.timesOfDay)
            if (t && small(*t, k))
                t.reset();
        std::erase_if(p.reasons, [&](const auto& reason) { return small(reason.second, k); });
        // The two components are a row the ranking narrows down: one withheld takes the other.
        if ((p.surveyMentions && small(*p.surveyMentions, k)) ||
            (p.observations && small(*p.observations, k)) ||
            p.surveyMentions.has_value() != p.observations.has_value()) {
            p.surveyMentions.reset();
            p.observations.reset();
        }
    }
    withholdDependents(summary);
    for (std::optional<std::int64_t>* total :
         {&summary.dialogues, &summary.peopleMet, &summary.walks, &summary.observations})
        if (*total && small(**total, k))
            total->reset();
}

void withholdDependents(PictureSummary& summary) {
    for (SummaryPlace& p : summary.places) {
        if (!p.observations)
            p.severity.reset();
        if (!p.surveyMentions || !p.observations) {
            for (auto& t : p.timesOfDay)
                if (t.value_or(0) > 0)
                    t.reset();
            p.reasons.clear();
        }
    }
}

Issues validatePublicSummary(const PublicSummary& s) {
    Issues issues;
    if (s.summary.filter.campaign != s.id)
        issues.push_back(
            {"summary.filter.campaign", "campaign_mismatch",
             "the summary is for campaign " + s.summary.filter.campaign + ", not " + s.id});
    if (s.summary.minCell != s.k)
        issues.push_back(
            {"summary.min_cell", "min_cell_mismatch", "the summary's min_cell differs from k"});
    Checker check(s.k, issues);
    check.count("summary.respondents", s.summary.respondents);
    for (std::size_t i = 0; i < s.summary.questions.size(); ++i)
        check.question(s.summary.questions[i], "summary.questions[" + std::to_string(i) + "]");
    for (std::size_t i = 0; i < s.summary.focusAreas.size(); ++i)
        check.count("summary.focus_areas[" + std::to_string(i) + "].dialogue_topics",
                    s.summary.focusAreas[i].dialogueTopics);
    for (std::size_t i = 0; i < s.summary.places.size(); ++i)
        check.place(s.summary.places[i], "summary.places[" + std::to_string(i) + "]");
    check.count("summary.dialogues", s.summary.dialogues);
    check.count("summary.people_met", s.summary.peopleMet);
    check.count("summary.walks", s.summary.walks);
    check.count("summary.observations", s.summary.observations);
    return issues;
}

} // namespace td::model
