#pragma once
// Test data: valid responses generated from the repository's survey, push bodies, and a
// bootstrapped server (coordinator, published survey, open campaign, enrolled officer).

#include "http_client.hpp"
#include "td/model/model.hpp"

#include <string>
#include <vector>

namespace td::test {

/// shared/content/trygghetsenkat_vindeln.json, decoded.
const model::Survey& vindelnSurvey();
/// Its JSON text.
std::string vindelnSurveyText();

/// A UUIDv7-shaped id, unique within the process.
std::string newRecordId();

/// A response to `survey` that the shared validator accepts, answering up to `maxAnswers`
/// visible questions; `seed` varies the chosen answers.
model::Response makeResponse(const model::Survey& survey, const std::string& campaignId,
                             const std::string& id, unsigned seed, std::size_t maxAnswers = 30);

/// One push record as JSON text: {"kind","id","rev","hlc","body"}.
std::string pushRecordJson(const std::string& kind, const std::string& id, std::int64_t rev,
                           const std::string& body);
/// {"records":[...]} from record JSON texts.
std::string pushBody(const std::vector<std::string>& records);

/// `count` valid response records (JSON texts) for the Vindeln campaign, with their ids.
std::vector<std::string> responseRecords(std::size_t count, std::vector<std::string>* ids = nullptr,
                                         unsigned seed = 1);

inline constexpr const char* kCampaignId = "trygghet_2025";
inline constexpr const char* kCampaignCode = "VINDELN25";
inline constexpr const char* kPassword = "correct horse battery";

struct Tokens {
    std::string coordinator;
    std::string officer;
    std::string kiosk;
    std::string resident;
};

/// Creates the coordinator "alice" with the admin CLI on `dbPath` (before the server starts).
bool createCoordinator(const std::string& dbPath, const std::string& user = "alice");

/// Against a running server: logs in alice, creates and publishes the Vindeln survey, creates
/// the open campaign with kCampaignCode, enrols an officer and a kiosk and a resident.
/// Throws std::runtime_error naming the step that was refused.
Tokens bootstrap(const std::string& address, bool tls = false);

} // namespace td::test
