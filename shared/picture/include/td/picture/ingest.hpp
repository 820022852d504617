#pragma once
// Feeding PictureData from stored sync records ({kind, body} as the server store keeps them).

#include "td/core/result.hpp"
#include "td/model/record_kind.hpp"
#include "td/picture/dataset.hpp"

#include <boost/json/value.hpp>

namespace td::picture {

/// Decodes `body` as a record of `kind` and adds it to `data`. Surveys must come before their
/// campaigns, places and campaigns before responses; measures and promises are ignored (they
/// are not part of the computed picture). Errors: the codec's decode errors, then PictureData's.
Status addRecord(PictureData& data, model::RecordKind kind, const boost::json::value& body);

} // namespace td::picture
