#pragma once
// A public summary and two citizen promises as the server publishes them, fed into an app
// context through DeviceStore::applyPulled (the path a sync takes).

#include "appcore/appcontext.h"

#include <string>
#include <vector>

namespace td::app::test {

inline constexpr const char* kSummaryCampaign = "trygghetsenkat_2025";

/// A public_summary body for kSummaryCampaign (k = 5): focus areas with traffic withheld,
/// one question with a negative share of 0.38 [0.31, 0.45] over 120 answers, one question
/// answered by fewer than k, and two unsafe places.
std::string publicSummaryBody();

/// Promise bodies: drugs (two activities, one done) and traffic (one planned activity).
std::vector<std::string> promiseBodies();

/// The 2023 agreement between Polismyndigheten and Vindelns kommun, continuing until replaced.
std::string agreementBody();

/// Applies the summary, the promises and the agreement as one pulled page and tells the UI.
void pullPublications(AppContext& context);

} // namespace td::app::test
