#include "testfixture.h"

#include "appcore/contentrepository.h"
#include "appcore/localstore.h"
#include "td/model/codec.hpp"
#include "td/store/device_store.hpp"

#include <QQmlEngine>

namespace td::app::test {

namespace {

td::store::PulledRecord campaignRecord(const char* id, const char* surveyId, const char* code,
                                       std::vector<td::model::Channel> channels) {
    td::model::Campaign c;
    c.id = id;
    c.name = {std::string("Undersökning ") + id, std::string("Campaign ") + id};
    c.surveyId = surveyId;
    c.surveyVersion = 1;
    c.year = 2025;
    c.periodStart = "2025-01-01";
    c.periodEnd = "2025-12-31";
    c.channels = std::move(channels);
    c.publicCode = code;
    c.status = td::model::CampaignStatus::Open;
    td::store::PulledRecord r;
    r.kind = "campaign";
    r.id = id;
    r.rev = 1;
    r.hlc = "000000000001-00000000-server";
    r.body = td::model::toJsonText(c);
    return r;
}

} // namespace

void seedCampaigns(AppContext& context) {
    using td::model::Channel;
    std::vector<td::store::PulledRecord> records{
        campaignRecord(kSurveyCampaign, "trygghetsenkat_vindeln", "TRYGG2025",
                       {Channel::Survey, Channel::Web}),
        campaignRecord(kDialogueCampaign, "medborgardialog", "DIALOG2025",
                       {Channel::Dialogue, Channel::Kiosk}),
    };
    auto applied = context.services().store->deviceStore().applyPulled(records, "seed");
    if (!applied) {
        qFatal("seeding campaigns failed: %s", applied.error().describe().c_str());
    }
    context.services().content->reload();
}

void attachEngine(AppContext& context, QQmlEngine& engine) {
    context.registerWithQml();
    engine.addImportPath(QStringLiteral("qrc:/qt/qml"));
    context.setEngine(&engine);
}

std::unique_ptr<AppContext> makeContext(const QString& databasePath) {
    auto context = AppContext::create(databasePath);
    if (!context) {
        qFatal("cannot open %s: %s", qPrintable(databasePath), context.error().describe().c_str());
    }
    seedCampaigns(**context);
    return std::move(context.value());
}

} // namespace td::app::test
