#pragma once
// Internal: the store's records decoded once into a PictureData (survey responses, dialogues,
// walks, observations, places and the imported figures), shared by the picture, follow-up and
// public endpoints, updated from the change log (appends) or rebuilt when it shows another
// kind of change.

#include "td/core/result.hpp"
#include "td/picture/dataset.hpp"
#include "td/store/server_store.hpp"

#include <cstdint>
#include <memory>

namespace td::server {

/// The decoded data of `store`, weighted to the configured population table.
Result<std::shared_ptr<const picture::PictureData>> cachedPictureData(store::ServerStore& store);

/// How many times a PictureData has been decoded from a store since the process started.
std::uint64_t pictureDataLoads();
/// How many times a cached PictureData has been brought up to date by appending new records.
std::uint64_t pictureDataUpdates();

} // namespace td::server
