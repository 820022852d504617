#include "fixtures.hpp"

#include "server_process.hpp"
#include "td/model/codec.hpp"
#include "td/model/validator.hpp"

#include <atomic>
#include <boost/json/serialize.hpp>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <random>
#include <sstream>
#include <stdexcept>

namespace td::test {
namespace {

void ensure(bool ok, const std::string& what, const ClientResponse& res) {
    if (!ok)
        throw std::runtime_error("bootstrap: " + what + " failed with " +
                                 std::to_string(res.status) + " " + res.body);
}

} // namespace

std::string vindelnSurveyText() {
    std::ifstream in(std::string(TD_SOURCE_DIR) + "/shared/content/trygghetsenkat_vindeln.json");
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

const model::Survey& vindelnSurvey() {
    static const model::Survey survey = [] {
        auto s = model::fromJsonText<model::Survey>(vindelnSurveyText());
        if (!s)
            throw std::runtime_error("cannot load the Vindeln survey: " + s.error().describe());
        return std::move(*s);
    }();
    return survey;
}

std::string newRecordId() {
    static std::atomic<std::uint64_t> counter{0};
    static const std::uint64_t salt = std::random_device{}();
    auto ms = static_cast<std::uint64_t>(std::chrono::duration_cast<std::chrono::milliseconds>(
                                             std::chrono::system_clock::now().time_since_epoch())
                                             .count());
    std::uint64_t n = ++counter;
    std::uint64_t tail = (salt ^ (n * 0x9E3779B97F4A7C15ull)) & 0xFFFFFFFFFFFFull;
    char buf[64];
    std::snprintf(buf, sizeof buf, "%08llx-%04llx-7%03llx-%04llx-%012llx",
                  static_cast<unsigned long long>(ms >> 16),
                  static_cast<unsigned long long>(ms & 0xFFFF),
                  static_cast<unsigned long long>((n >> 14) & 0xFFF),
                  static_cast<unsigned long long>(0x8000 | (n & 0x3FFF)),
                  static_cast<unsigned long long>(tail));
    return buf;
}

model::Response makeResponse(const model::Survey& survey, const std::string& campaignId,
                             const std::string& id, unsigned seed, std::size_t maxAnswers) {
    model::Response r;
    r.id = id;
    r.campaignId = campaignId;
    r.surveyId = survey.id;
    r.surveyVersion = survey.version;
    r.channel = model::Channel::Survey;
    r.submittedAt = "2025-05-01T12:00:00Z";
    std::mt19937 rng(seed);
    auto pick = [&](std::size_t n) {
        return n == 0 ? 0 : static_cast<std::size_t>(rng() % n);
    };
    for (const model::Question* q : survey.questions()) {
        if (r.answers.size() >= maxAnswers)
            break;
        if (!model::isVisible(*q, r.answers))
            continue;
        switch (q->type) {
        case model::QuestionType::Scale:
            r.answers[q->id] = q->points[pick(q->points.size())].value;
            break;
        case model::QuestionType::Single:
            r.answers[q->id] = q->choices[pick(q->choices.size())].id;
            break;
        case model::QuestionType::Multi: {
            std::vector<std::string> ids;
            for (const auto& c : q->choices)
                if (std::find(q->exclusive.begin(), q->exclusive.end(), c.id) ==
                    q->exclusive.end()) {
                    ids.push_back(c.id);
                    break;
                }
            r.answers[q->id] = ids;
            break;
        }
        case model::QuestionType::YesNo:
            r.answers[q->id] = (rng() % 3) != 0;
            break;
        case model::QuestionType::Number:
            r.answers[q->id] = static_cast<std::int64_t>(q->min);
            break;
        case model::QuestionType::Text:
            r.answers[q->id] = std::string("Bättre belysning vid stationen");
            break;
        case model::QuestionType::Place: {
            model::PlaceEntry e;
            e.description = "Gångtunneln under järnvägen";
            if (!q->timesOfDay.empty())
                e.timesOfDay.push_back(q->timesOfDay.front());
            if (!q->reasons.empty())
                e.reasons.push_back(q->reasons.front().id);
            r.answers[q->id] = std::vector<model::PlaceEntry>{e};
            break;
        }
        }
    }
    return r;
}

std::string pushRecordJson(const std::string& kind, const std::string& id, std::int64_t rev,
                           const std::string& body) {
    return "{\"kind\":\"" + kind + "\",\"id\":\"" + id + "\",\"rev\":" + std::to_string(rev) +
           ",\"hlc\":\"0001746100000000-0000-test\",\"body\":" + body + "}";
}

std::string pushBody(const std::vector<std::string>& records) {
    std::string out = "{\"records\":[";
    for (std::size_t i = 0; i < records.size(); ++i) {
        if (i)
            out += ',';
        out += records[i];
    }
    return out + "]}";
}

std::vector<std::string> responseRecords(std::size_t count, std::vector<std::string>* ids,
                                         unsigned seed) {
    std::vector<std::string> out;
    for (std::size_t i = 0; i < count; ++i) {
        std::string id = newRecordId();
        auto resp = makeResponse(vindelnSurvey(), kCampaignId, id, seed + static_cast<unsigned>(i));
        out.push_back(pushRecordJson("response", id, 1, model::toJsonText(resp)));
        if (ids)
            ids->push_back(id);
    }
    return out;
}

bool createCoordinator(const std::string& dbPath, const std::string& user) {
    std::string out;
    int rc = runServerCommand({"--db", dbPath, "admin", "create-coordinator", user}, &out,
                              {std::string("TD_ADMIN_PASSWORD=") + kPassword});
    return rc == 0;
}

Tokens bootstrap(const std::string& address, bool tls) {
    Tokens t;
    HttpClient c(address, tls);
    auto login = c.post("/api/v1/auth/login",
                        std::string(R"({"username":"alice","password":")") + kPassword + "\"}");
    ensure(login.status == 200, "login", login);
    t.coordinator = jsonString(login.body, "/token");
    c.setToken(t.coordinator);
    auto survey = c.post("/api/v1/surveys", vindelnSurveyText());
    ensure(survey.status == 201, "create survey", survey);
    auto published = c.post("/api/v1/surveys/trygghetsenkat_vindeln/publish", "");
    ensure(published.status == 200, "publish survey", published);
    std::string campaign = std::string(R"({"id":")") + kCampaignId +
                           R"(","name":{"sv":"Trygghetsenkät 2025","en":"Safety survey 2025"},)"
                           R"("survey_id":"trygghetsenkat_vindeln","survey_version":1,"year":2025,)"
                           R"("period_start":"2025-04-01","period_end":"2025-06-30",)"
                           R"("channels":["survey","kiosk"],"public_code":")" +
                           kCampaignCode + R"(","status":"open"})";
    auto created = c.post("/api/v1/campaigns", campaign);
    ensure(created.status == 201, "create campaign", created);
    for (const char* role : {"officer", "kiosk"}) {
        auto code = c.post("/api/v1/enrolment-codes", std::string(R"({"role":")") + role + "\"}");
        ensure(code.status == 201, "create enrolment code", code);
        HttpClient anon(address, tls);
        auto enrolled = anon.post("/api/v1/devices/enrol",
                                  R"({"code":")" + jsonString(code.body, "/code") + "\"}");
        ensure(enrolled.status == 201, "enrol device", enrolled);
        (std::string(role) == "officer" ? t.officer : t.kiosk) =
            jsonString(enrolled.body, "/token");
    }
    HttpClient anon(address, tls);
    auto resident =
        anon.post("/api/v1/devices/enrol", std::string(R"({"code":")") + kCampaignCode + "\"}");
    ensure(resident.status == 201, "enrol resident", resident);
    t.resident = jsonString(resident.body, "/token");
    return t;
}

} // namespace td::test
