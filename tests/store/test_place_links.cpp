// The server store's place links: a mention or an observation linked to a registry place once,
// removed again, counted in a version that grows with every change; and the migration that
// adds them to a database of the previous schema.
#include "td/store/database.hpp"
#include "td/store/server_store.hpp"
#include "temp_dir.hpp"

#include <catch2/catch.hpp>

using namespace td::store;

namespace {

std::unique_ptr<ServerStore> openStore(const std::string& path) {
    auto store = ServerStore::open(path);
    INFO((store ? "" : store.error().describe()));
    REQUIRE(store.ok());
    return std::move(store).value();
}

PlaceLink mention(std::string response, std::string question, std::int64_t index,
                  std::string place) {
    PlaceLink link;
    link.responseId = std::move(response);
    link.questionId = std::move(question);
    link.index = index;
    link.placeId = std::move(place);
    link.createdBy = "samordnare";
    link.createdAtMs = 1'746'000'000'000;
    return link;
}

PlaceLink observation(std::string id, std::string place) {
    PlaceLink link;
    link.observationId = std::move(id);
    link.placeId = std::move(place);
    link.createdBy = "samordnare";
    link.createdAtMs = 1'746'000'000'001;
    return link;
}

} // namespace

TEST_CASE("a mention or an observation is linked once, and the link can be removed",
          "[server_store]") {
    td::test::TempDir dir;
    auto store = openStore(dir.file("links.db"));
    CHECK(store->placeLinksVersion().value() == 0);

    auto first = store->addPlaceLink(mention("r1", "q_platser", 1, "vindeln_stationen"));
    REQUIRE(first.ok());
    CHECK(first->id > 0);
    auto second = store->addPlaceLink(observation("o1", "vindeln_skolgarden"));
    REQUIRE(second.ok());
    CHECK(store->placeLinksVersion().value() == 2);
    // Another entry of the same answer is another mention.
    REQUIRE(store->addPlaceLink(mention("r1", "q_platser", 0, "vindeln_stationen")).ok());

    // The same subject again, even to another place, is refused and changes nothing.
    auto twice = store->addPlaceLink(mention("r1", "q_platser", 1, "hallnas_parken"));
    REQUIRE_FALSE(twice.ok());
    CHECK(twice.error().code == "already_linked");
    CHECK(store->addPlaceLink(observation("o1", "hallnas_parken")).error().code ==
          "already_linked");
    CHECK(store->placeLinksVersion().value() == 3);

    // Neither subject, or both, is refused by the schema.
    PlaceLink none = observation("o2", "x");
    none.observationId.reset();
    CHECK_FALSE(store->addPlaceLink(none).ok());
    PlaceLink both = mention("r2", "q", 0, "x");
    both.observationId = "o2";
    CHECK_FALSE(store->addPlaceLink(both).ok());

    auto all = store->placeLinks();
    REQUIRE(all.ok());
    REQUIRE(all->size() == 3);
    CHECK(all->at(0) == *first);
    CHECK(all->at(1) == *second);

    CHECK(store->removePlaceLink(first->id).value());
    CHECK_FALSE(store->removePlaceLink(first->id).value()); // gone already
    CHECK(store->placeLinksVersion().value() == 4);
    CHECK(store->placeLinks()->size() == 2);
    // Removed, the mention can be linked again (to another place).
    CHECK(store->addPlaceLink(mention("r1", "q_platser", 1, "hallnas_parken")).ok());

    auto snapshot = store->snapshot();
    REQUIRE(snapshot.ok());
    CHECK((*snapshot)->placeLinks()->size() == 3);
    CHECK((*snapshot)->placeLinksVersion().value() == 5);
}

TEST_CASE("a database of schema 7 gets the place links on opening and keeps its records",
          "[server_store]") {
    td::test::TempDir dir;
    const std::string path = dir.file("old.db");
    {
        auto store = openStore(path);
        REQUIRE(store
                    ->putRecord("place", "vindeln_stationen", R"({"id":"vindeln_stationen"})",
                                "000000000001-00000000-server")
                    .ok());
    }
    {
        // Back to the schema before place links.
        auto db = Database::open(path);
        REQUIRE(db.ok());
        REQUIRE(db->exec("DROP TABLE place_links; DROP TABLE place_links_version; "
                         "PRAGMA user_version = 7;")
                    .ok());
    }
    auto store = openStore(path);
    CHECK(store->getRecord("place", "vindeln_stationen").value().has_value());
    CHECK(store->placeLinksVersion().value() == 0);
    REQUIRE(store->addPlaceLink(observation("o1", "vindeln_stationen")).ok());
    auto db = Database::open(path);
    REQUIRE(db.ok());
    auto version = db->prepare("PRAGMA user_version");
    REQUIRE(version.ok());
    REQUIRE(version->step().value());
    CHECK(version->columnInt64(0) == 8);
}
