#pragma once
// Computes the lägesbild for a filter from PictureData (method: docs/lagesbild.md).

#include "td/core/result.hpp"
#include "td/picture/dataset.hpp"
#include "td/picture/situation_picture.hpp"

#include <vector>

namespace td::picture {

/// Errors: unknown_campaign (campaign or comparison), unknown_locality, invalid_date.
Result<SituationPicture> computePicture(const PictureData& data, const PictureFilter& filter,
                                        const PictureOptions& options = {});

/// The calibrated weight of every respondent row in the design of the picture for `filter`
/// (the campaign within the date range; a locality filter does not change it), 0 for rows
/// outside it. For exports and independent checks. Errors as computePicture.
Result<std::vector<double>> respondentWeights(const PictureData& data, const PictureFilter& filter,
                                              const PictureOptions& options = {});

} // namespace td::picture
