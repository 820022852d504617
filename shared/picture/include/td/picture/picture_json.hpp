#pragma once
// JSON encodings of a SituationPicture: the full coordinator view (every figure, with its
// `suppressed` flag, free text included) and the public summary (suppressed figures removed,
// no free text), as served by the server and shown in the app.

#include "td/picture/situation_picture.hpp"

#include <boost/json/value.hpp>

namespace td::picture {

/// Full picture for coordinators. Keys are snake_case; shares are in [0, 1].
boost::json::value toJson(const SituationPicture& picture);

/// Public summary: only figures based on at least k respondents (after complementary
/// suppression); no counts of hidden cells, no unlocated descriptions, no dialogue notes.
boost::json::value publicSummary(const SituationPicture& picture);

} // namespace td::picture
