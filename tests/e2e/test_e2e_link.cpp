// The real app core over a poor link: its pushes go gzip-compressed through the link proxy
// (far fewer bytes than their JSON), and a sync cut mid-way by the link finishes on the next
// run (or on Qt's own resend) with every response stored once and nothing left pending.

#include "../netem/link_proxy.hpp"
#include "app_driver.hpp"
#include "appcore/appcontext.h"
#include "appcore/httpclient.h"
#include "appcore/localstore.h"
#include "e2e_server.hpp"
#include "td/store/device_store.hpp"

#include <QTemporaryDir>
#include <catch2/catch.hpp>

using namespace td::e2e;
using td::test::kCampaignId;
using td::test::LinkProxy;
using td::test::LinkShape;

namespace {

// Answers `count` responses; the bytes of their JSON bodies.
std::size_t answer(td::app::AppContext& app, int count, unsigned seed) {
    for (int i = 0; i < count; ++i)
        REQUIRE_FALSE(
            answerResponse(app, QString::fromLatin1(kCampaignId), seed + unsigned(i)).isEmpty());
    auto pending = app.services().store->deviceStore().pending(10'000, 1u << 30);
    REQUIRE(pending);
    std::size_t bytes = 0;
    for (const auto& p : *pending)
        bytes += p.record.body.size();
    return bytes;
}

} // namespace

TEST_CASE("the app's pushes cross a slow, cutting link compressed and exactly once", "[e2e]") {
    E2eServer server;
    LinkShape shape;
    shape.oneWayDelay = std::chrono::milliseconds(40);
    LinkProxy proxy(server.address(), shape);
    QTemporaryDir dir;
    auto app = openApp(dir.filePath(QStringLiteral("device.sqlite")));
    const QString code = QString::fromStdString(server.createEnrolmentCode("officer"));
    REQUIRE(enrolAndWait(*app, QStringLiteral("http://") + QString::fromStdString(proxy.address()),
                         code)
                .isEmpty());
    REQUIRE(syncAndWait(*app) == QStringLiteral("ok"));

    // Compressed: the push bodies take a fraction of their JSON on the wire.
    const std::size_t json = answer(*app, 40, 10);
    auto before = proxy.stats();
    REQUIRE(syncAndWait(*app) == QStringLiteral("ok"));
    const std::uint64_t compressedUp = proxy.stats().upBytes - before.upBytes;
    CHECK(compressedUp * 3 < json);
    CHECK(app->services().store->pendingCount() == 0);

    // Plain JSON, as an app before compression: more bytes than the JSON itself.
    app->http()->setCompressRequests(false);
    const std::size_t plainJson = answer(*app, 40, 50);
    before = proxy.stats();
    REQUIRE(syncAndWait(*app) == QStringLiteral("ok"));
    CHECK(proxy.stats().upBytes - before.upBytes > plainJson);
    app->http()->setCompressRequests(true);

    // Cut mid-way through the next sync's upload. Qt may send the request again on a new
    // connection by itself; otherwise the run fails and the next one finishes.
    (void)answer(*app, 60, 200);
    shape.cutUpAt = compressedUp / 2; // 60 responses take more than 40 did
    proxy.setShape(shape);
    QString outcome = syncAndWait(*app);
    CHECK(proxy.stats().cuts == 1);
    if (outcome != QStringLiteral("ok")) {
        CHECK(outcome == QStringLiteral("network_error"));
        outcome = syncAndWait(*app);
    }
    CHECK(outcome == QStringLiteral("ok"));
    CHECK(app->services().store->pendingCount() == 0);
    const auto onServer = server.responseIds();
    CHECK(onServer.size() == 140);
    for (const auto& [id, times] : onServer) {
        INFO(id);
        CHECK(times == 1);
    }
}
