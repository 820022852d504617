#pragma once
// Computes the lägesbild for a filter from PictureData (method: docs/lagesbild.md).

#include "td/core/result.hpp"
#include "td/picture/dataset.hpp"
#include "td/picture/situation_picture.hpp"

namespace td::picture {

/// Errors: unknown_campaign (campaign or comparison), unknown_locality, invalid_date.
Result<SituationPicture> computePicture(const PictureData& data, const PictureFilter& filter,
                                        const PictureOptions& options = {});

} // namespace td::picture
