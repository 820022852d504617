// Writes the demo data and the lägesbild's figures for an independent recomputation (the
// R-reference test, tests/picture/r_reference.R): one row per respondent with the variables the
// estimates are means of, the population margins, the cases (filters) and, in long form, every
// weighted figure the library computes for them.
//
// Usage: td_picture_reference_export OUTPUT_DIR

#include "td/demo/generator.hpp"
#include "td/picture/compute.hpp"
#include "td/picture/population.hpp"

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

using namespace td;
using namespace td::picture;

namespace {

std::string number(double v) {
    char buf[40];
    std::snprintf(buf, sizeof buf, "%.17g", v);
    return buf;
}

struct Case {
    std::string name;
    PictureFilter filter;
    CalibrationOptions weighting;
};

struct Figures {
    std::ofstream out;
    void put(const std::string& c, const std::string& item, const std::string& stat, double v) {
        out << c << ',' << item << ',' << stat << ',' << number(v) << '\n';
    }
    void share(const std::string& c, const std::string& item, const ShareEstimate& e) {
        put(c, item, "share", e.share);
        put(c, item, "se", e.se);
        put(c, item, "ci_low", e.ci.low);
        put(c, item, "ci_high", e.ci.high);
    }
    void trend(const std::string& c, const std::string& item, const Trend& t) {
        put(c, item, "difference", t.test.difference);
        put(c, item, "se", t.test.se);
        put(c, item, "ci_low", t.test.ci.low);
        put(c, item, "ci_high", t.test.ci.high);
        put(c, item, "p", t.test.pValue);
        put(c, item, "p_adjusted", t.pAdjusted);
    }
};

std::string readFile(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

} // namespace

int main(int argc, char** argv) {
    if (argc != 2) {
        std::cerr << "usage: td_picture_reference_export OUTPUT_DIR\n";
        return 2;
    }
    const std::string dir = argv[1];
    const std::string populationPath = std::string(TD_REFERENCE_DATA_DIR) + "/vindeln.json";
    auto options =
        demo::loadDemoOptions(std::string(TD_SOURCE_DIR) + "/shared/content", populationPath);
    auto population = loadPopulationTable(readFile(populationPath));
    if (!options || !population) {
        std::cerr << "cannot load the demo options or the population\n";
        return 1;
    }
    const demo::DemoData demo = demo::generate(20251125, *options); // the server's demo seed
    PictureData data(*population);
    for (const auto& s : demo.surveys)
        if (!data.addSurvey(s).ok())
            return 1;
    for (const auto& c : demo.campaigns)
        if (!data.addCampaign(c).ok())
            return 1;
    for (const auto& r : demo.responses)
        if (!data.addResponse(r).ok()) // row i of the data is response i
            return 1;

    // The trygghetsenkät waves, oldest first: the newest against the one before.
    std::vector<const model::Campaign*> waves;
    for (const auto& c : demo.campaigns)
        if (c.surveyId == options->survey.id)
            waves.push_back(&c);
    if (waves.size() < 2) {
        std::cerr << "expected two survey waves\n";
        return 1;
    }
    const model::Campaign& now = *waves.back();
    const model::Campaign& then = *waves[waves.size() - 2];
    std::vector<Case> cases;
    cases.push_back({"all", {now.id, then.id, std::nullopt, std::nullopt, std::nullopt}, {}});
    cases.push_back({"locality", {now.id, then.id, "tvaralund", std::nullopt, std::nullopt}, {}});
    // The first half of the newest wave's fieldwork, and its first week (few enough respondents
    // for sparse localities to be pooled).
    const std::int32_t start = *dayNumber(now.periodStart), end = *dayNumber(now.periodEnd);
    auto lastDateBefore = [&](std::int32_t last) {
        std::string date;
        for (const auto& r : demo.responses) {
            const auto day = swedishDay(r.submittedAt);
            if (r.campaignId == now.id && day && *day <= last && r.submittedAt.substr(0, 10) > date)
                date = r.submittedAt.substr(0, 10);
        }
        return date;
    };
    cases.push_back({"dates",
                     {now.id, std::nullopt, std::nullopt, now.periodStart,
                      lastDateBefore(start + (end - start) / 2)},
                     {}});
    cases.push_back(
        {"week",
         {now.id, std::nullopt, std::nullopt, now.periodStart, lastDateBefore(start + 6)},
         {}});
    // A lower bound that holds some weights (the oldest, most over-represented) at it.
    CalibrationOptions tight;
    tight.lowerBound = 0.62;
    cases.push_back(
        {"bounded", {then.id, std::nullopt, std::nullopt, std::nullopt, std::nullopt}, tight});

    std::vector<SituationPicture> pictures;
    std::vector<std::vector<double>> weights;
    for (const Case& c : cases) {
        PictureOptions o;
        o.weighting = c.weighting;
        auto p = computePicture(data, c.filter, o);
        auto w = respondentWeights(data, c.filter, o);
        if (!p || !w) {
            std::cerr << c.name << ": " << (p ? w.error() : p.error()).describe() << '\n';
            return 1;
        }
        std::size_t groups = 0, categories = 0;
        for (const WeightingMargin& m : p->weighting.margins)
            for (const CalibrationGroup& g : m.groups) {
                ++groups;
                categories += g.categories.size();
            }
        std::cout << c.name << ": " << groups << " groups of " << categories << " categories, "
                  << p->weighting.atBound << " respondents at a bound\n";
        pictures.push_back(std::move(*p));
        weights.push_back(std::move(*w));
    }

    {
        std::ofstream cs(dir + "/cases.csv");
        cs << "case,campaign,compare,locality,from,to,min_group,lower,upper\n";
        for (const Case& c : cases)
            cs << c.name << ',' << c.filter.campaignId << ','
               << c.filter.compareToCampaignId.value_or("") << ',' << c.filter.locality.value_or("")
               << ',' << c.filter.from.value_or("") << ',' << c.filter.to.value_or("") << ','
               << number(c.weighting.minGroupRespondents) << ',' << number(c.weighting.lowerBound)
               << ',' << number(c.weighting.upperBound) << '\n';
        std::ofstream ms(dir + "/margins.csv");
        ms << "dimension,category,total\n";
        for (std::size_t a = 0; a < population->ageBands.size(); ++a)
            ms << "age_band," << population->ageBands[a] << ',' << number(population->ageTotals[a])
               << '\n';
        for (std::size_t l = 0; l < population->localities.size(); ++l)
            ms << "locality," << population->localities[l] << ','
               << number(population->localityTotals[l]) << '\n';
        for (std::size_t g = 0; g < population->genders.size(); ++g)
            ms << "gender," << population->genders[g] << ',' << number(population->genderTotals[g])
               << '\n';
    }

    // Respondents, read from the responses themselves (not the library's columns): the
    // Swedish local date, background, per question with a negative definition its 0/1 among the
    // substantive answers, per number question the answer, per focus area the share of its
    // worry items (scale questions with a negative definition) answered with worry; then each
    // case's weights.
    const model::Survey& survey = options->survey;
    std::vector<const model::Question*> shares, numbers;
    for (const model::Question* q : survey.questions()) {
        if (q->background)
            continue;
        const bool negative =
            !q->negativePoints.empty() ||
            (q->type == model::QuestionType::Single && !q->negativeChoices.empty()) ||
            q->negativeAnswer.has_value();
        if (negative)
            shares.push_back(q);
        else if (q->type == model::QuestionType::Number)
            numbers.push_back(q);
    }
    std::ofstream rs(dir + "/respondents.csv");
    rs << "row,campaign,date,age_band,locality,gender";
    for (const model::Question* q : shares)
        rs << ",neg_" << q->id;
    for (const model::Question* q : numbers)
        rs << ",num_" << q->id;
    for (model::FocusArea area : kRankedAreas)
        rs << ",score_" << model::toString(area);
    for (const Case& c : cases)
        rs << ",w_" << c.name;
    rs << '\n';
    auto contains = [](const auto& list, const auto& value) {
        return std::find(list.begin(), list.end(), value) != list.end();
    };
    // 1 negative, 0 substantive and not negative, −1 no substantive answer.
    auto negativeAnswer = [&](const model::Question& q, const model::Answers& answers) {
        auto it = answers.find(q.id);
        if (it == answers.end())
            return -1;
        if (const auto* v = std::get_if<std::int64_t>(&it->second))
            return contains(q.negativePoints, *v) ? 1 : 0;
        if (const auto* b = std::get_if<bool>(&it->second))
            return *b == q.negativeAnswer ? 1 : 0;
        const auto* c = std::get_if<std::string>(&it->second);
        if (!c || *c == model::kDontKnow || contains(q.nonSubstantiveChoices, *c))
            return -1;
        return contains(q.negativeChoices, *c) ? 1 : 0;
    };
    auto text = [](const model::Answers& answers, const std::string& id) {
        auto it = answers.find(id);
        const auto* s = it == answers.end() ? nullptr : std::get_if<std::string>(&it->second);
        return s ? *s : std::string();
    };
    for (std::uint32_t row = 0; row < demo.responses.size(); ++row) {
        const model::Response& resp = demo.responses[row];
        if (resp.campaignId != now.id && resp.campaignId != then.id)
            continue;
        std::string age = "unknown", locality = "unknown", gender = "unknown";
        for (const model::Question* q : survey.questions()) {
            const std::string answer = text(resp.answers, q->id);
            if (!q->background || answer.empty())
                continue;
            if (*q->background == model::Background::AgeBand && population->ageIndex(answer) >= 0)
                age = population->ageBands[static_cast<std::size_t>(population->ageIndex(answer))];
            else if (*q->background == model::Background::Locality &&
                     population->localityIndex(answer) >= 0)
                locality = answer;
            else if (*q->background == model::Background::Gender)
                gender = answer;
        }
        // The Swedish local date: UTC+1, UTC+2 in summer time (the surveys run in spring).
        const std::string& at = resp.submittedAt;
        const int hour = std::stoi(at.substr(11, 2));
        const bool summer = at.substr(5, 5) >= "03-31" && at.substr(5, 5) <= "10-25";
        std::string date = at.substr(0, 10);
        if (hour + (summer ? 2 : 1) >= 24) {
            std::cerr << "a response submitted late at night: " << at << '\n';
            return 1;
        }
        rs << row << ',' << resp.campaignId << ',' << date << ',' << age << ',' << locality << ','
           << gender;
        for (const model::Question* q : shares) {
            const int n = negativeAnswer(*q, resp.answers);
            rs << ',' << (n < 0 ? "NA" : std::to_string(n));
        }
        for (const model::Question* q : numbers) {
            auto it = resp.answers.find(q->id);
            if (it == resp.answers.end())
                rs << ",NA";
            else if (const auto* i = std::get_if<std::int64_t>(&it->second))
                rs << ',' << *i;
            else
                rs << ',' << number(std::get<double>(it->second));
        }
        for (model::FocusArea area : kRankedAreas) {
            int answered = 0, worried = 0;
            for (const model::Question* q : survey.questions())
                if (q->focusArea == area && q->type == model::QuestionType::Scale &&
                    !q->negativePoints.empty()) {
                    const int n = negativeAnswer(*q, resp.answers);
                    answered += n >= 0 ? 1 : 0;
                    worried += n > 0 ? 1 : 0;
                }
            rs << ',' << (answered > 0 ? number(double(worried) / answered) : "NA");
        }
        for (std::size_t c = 0; c < cases.size(); ++c)
            rs << ',' << (weights[c][row] > 0 ? number(weights[c][row]) : "NA");
        rs << '\n';
    }

    Figures f{std::ofstream(dir + "/figures.csv")};
    f.out << "case,item,stat,value\n";
    for (std::size_t c = 0; c < cases.size(); ++c) {
        const std::string& name = cases[c].name;
        const SituationPicture& p = pictures[c];
        f.put(name, "weighting", "converged", p.weighting.converged ? 1 : 0);
        for (const QuestionResult& q : p.questions) {
            if (q.weightedMean) {
                f.put(name, "mean:" + q.id, "mean", q.weightedMean->mean);
                f.put(name, "mean:" + q.id, "se", q.weightedMean->se);
            }
            if (!q.hasNegative)
                continue;
            f.share(name, "q:" + q.id, q.weighted);
            f.put(name, "q:" + q.id, "unweighted", q.unweighted.share);
            for (const Breakdown& b : q.breakdowns)
                for (const BreakdownCell& cell : b.cells)
                    if (cell.weighted)
                        f.share(name, "q:" + q.id + "|" + b.dimension + "=" + cell.key,
                                *cell.weighted);
            if (q.trend)
                f.trend(name, "trend:" + q.id, *q.trend);
        }
        for (const FocusAreaResult& a : p.focusAreas) {
            if (!a.hasScore)
                continue;
            const std::string area(model::toString(a.area));
            f.share(name, "area:" + area, a.score);
            if (a.trend)
                f.trend(name, "trend:area:" + area, *a.trend);
        }
    }
    std::cout << "wrote " << dir << ": " << cases.size() << " cases\n";
    return 0;
}
