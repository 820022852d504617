#pragma once
// Internal: coordinators' links from survey mentions and walk observations to registry places
// (api_place_links.cpp), and their form for the lägesbild's data.

#include "td/picture/dataset.hpp"
#include "td/store/server_store.hpp"

#include <vector>

namespace td::server {

/// The links as the picture's data takes them.
std::vector<picture::PlaceLinkRef> placeLinkRefs(const std::vector<store::PlaceLink>& links);

} // namespace td::server
