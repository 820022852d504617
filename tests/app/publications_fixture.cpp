#include "publications_fixture.h"

#include "appcore/localstore.h"
#include "td/store/device_store.hpp"

#include <QtGlobal>

namespace td::app::test {

namespace {

std::string share(double s, double low, double high, double base) {
    const std::string b = std::to_string(base);
    return R"({"share":)" + std::to_string(s) + R"(,"ci_low":)" + std::to_string(low) +
           R"(,"ci_high":)" + std::to_string(high) + R"(,"base":)" + b + R"(,"effective_n":)" + b +
           "}";
}

// A focus area; `extra` adds the calibrated method's fields (score, rank interval, …).
std::string area(const char* id, int rank, const char* score, const char* questions,
                 const std::string& extra = {}) {
    return std::string(R"({"area":")") + id + R"(","rank":)" + std::to_string(rank) +
           (score ? std::string(R"(,"concern_score":)") + score : std::string()) + extra +
           R"(,"questions":[)" + questions + R"(],"indicators":[]})";
}

} // namespace

std::string publicSummaryBody() {
    const std::string negative = R"({"unweighted":)" + share(0.375, 0.3, 0.45, 120) +
                                 R"(,"weighted":)" + share(0.38, 0.31, 0.45, 118.5) + "}";
    return std::string(R"({"campaign_id":"trygghetsenkat_2025",)") +
           R"("title":{"sv":"Trygghetsenkät 2025","en":"Safety survey 2025"},)"
           R"("published_at":"2025-06-30T12:00:00.000Z","k":5,"summary":{)"
           R"("filter":{"campaign":"trygghetsenkat_2025","compare_to":null,"locality":null,)"
           R"("from":null,"to":null},)"
           R"("campaign_name":{"sv":"Trygghetsenkät 2025","en":"Safety survey 2025"},)"
           R"("min_cell":5,"respondents":130,)"
           R"("weighting":{"available":true,"covered_population":4300,"effective_n":118.5,)"
           R"("design_effect":1.1,"age_bands":[]},)"
           R"("questions":[)"
           R"({"id":"q_trygg_kvall","type":"scale","focus_area":"general","background":false,)"
           R"("text":{"sv":"Hur trygg känner du dig ute ensam en sen kväll?",)"
           R"("en":"How safe do you feel out alone late in the evening?"},)"
           R"("answered":124,"dont_know":0,"negative":)" +
           negative +
           R"(,"breakdowns":[]},)"
           R"({"id":"q_oro_bedrageri","type":"scale","focus_area":"economic_crime",)"
           R"("background":false,"text":{"sv":"Hur ofta oroar du dig för bedrägerier?",)"
           R"("en":"How often do you worry about fraud?"}},)"
           R"({"id":"q_alder","type":"single","focus_area":"general","background":true,)"
           R"("text":{"sv":"Ålder","en":"Age"},"answered":130,"dont_know":0}],)"
           R"("focus_areas":[)" +
           area(
               "drugs", 1, "0.41", R"("q_oro_narkotika")",
               R"(,"score":)" + share(0.41, 0.36, 0.46, 120) +
                   R"(,"rank_interval":{"low":1,"high":2},"indistinguishable_from":["unsafe_places"])") +
           "," +
           area("unsafe_places", 2, "0.33", R"("q_trygg_kvall")",
                R"(,"rank_interval":{"low":1,"high":2},"indistinguishable_from":["drugs"])") +
           "," + area("close_violence", 3, "0.2", R"("q_oro_vald")") + "," +
           area("traffic", 0, nullptr, R"("q_oro_trafik")") + "," +
           area("economic_crime", 4, "0.12", R"("q_oro_bedrageri")") +
           R"(],"places":[)"
           R"({"rank":1,"lat":64.2,"lon":19.71,"place_id":"vindeln_stationen",)"
           R"("place_name":"Stationen","survey_mentions":null,"observations":null,"severity":0.6,)"
           R"("times_of_day":{"morning":0,"day":null,"evening":11,"night":6},)"
           R"("reasons":{"dark":9}},)"
           R"({"rank":2,"lat":64.201,"lon":19.705,"place_id":null,"place_name":null,)"
           R"("survey_mentions":6,"observations":0,"severity":null,)"
           R"("times_of_day":{"morning":0,"day":0,"evening":6,"night":0},"reasons":{}}],)"
           R"("dialogues":6,"people_met":140,"walks":null,"observations":5}})";
}

std::vector<std::string> promiseBodies() {
    return {
        R"({"id":"lofte_narkotika","period":{"from":2023,"to":2025},"focus_area":"drugs",)"
        R"("text":{"sv":"Vi arbetar för att minska narkotikan bland unga.",)"
        R"("en":"We work to reduce drug use among young people."},)"
        R"("organisations":["polis","kommun"],"activities":[)"
        R"({"id":"a1","what":{"sv":"Föräldramöten på skolorna","en":"Parent meetings at the schools"},)"
        R"("who":"both","when":"2024","status":"done"},)"
        R"({"id":"a2","what":{"sv":"Narkotikahund vid evenemang","en":"Drug dog at events"},)"
        R"("who":"polis","when":"2025","status":"ongoing"}]})",
        R"({"id":"lofte_trafik","period":{"from":2023,"to":2025},"focus_area":"traffic",)"
        R"("text":{"sv":"Vi gör det tryggare att gå och cykla till skolan.",)"
        R"("en":"We make it safer to walk and cycle to school."},)"
        R"("organisations":["kommun"],"activities":[)"
        R"({"id":"b1","what":{"sv":"Hastighetskontroller vid skolan","en":"Speed checks near the school"},)"
        R"("who":"polis","when":"2025-Q3","status":"planned"}]})",
    };
}

std::string agreementBody() {
    return R"({"id":"samverkan_2023","parties":[)"
           R"({"organisation":"polis","name":"Polismyndigheten"},)"
           R"({"organisation":"kommun","name":"Vindelns kommun"}],"signatories":[)"
           R"({"role":{"sv":"Kommunstyrelsens ordförande",)"
           R"("en":"Chair of the municipal executive board"},"organisation":"kommun"},)"
           R"({"role":{"sv":"Lokalpolisområdeschef","en":"Head of the local police area"},)"
           R"("organisation":"polis"}],)"
           R"("period":{"from":"2023-01-01","to":"2025-12-31"},)"
           R"("continues_until_replaced":true,"signed":"2023-03-15"})";
}

void pullPublications(AppContext& context) {
    std::vector<td::store::PulledRecord> records{{"public_summary",
                                                  std::string("public_summary@") + kSummaryCampaign,
                                                  1, "h1", publicSummaryBody(), false}};
    const auto promises = promiseBodies();
    records.push_back({"promise", "lofte_narkotika", 1, "h2", promises[0], false});
    records.push_back({"promise", "lofte_trafik", 1, "h3", promises[1], false});
    records.push_back({"agreement", "samverkan_2023", 1, "h4", agreementBody(), false});
    LocalStore* store = context.services().store;
    auto applied = store->deviceStore().applyPulled(records, "c1.10");
    if (!applied)
        qFatal("pulling the publications failed: %s", applied.error().describe().c_str());
    store->notifyChanged();
}

} // namespace td::app::test
