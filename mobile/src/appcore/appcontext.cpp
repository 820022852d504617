#include "appcore/appcontext.h"

#include "appcore/campaignmodel.h"
#include "appcore/clock.h"
#include "appcore/contentrepository.h"
#include "appcore/enrolmentcontroller.h"
#include "appcore/httpclient.h"
#include "appcore/kioskcontroller.h"
#include "appcore/languagecontroller.h"
#include "appcore/localstore.h"
#include "appcore/placeregistrymodel.h"
#include "appcore/positioncontroller.h"
#include "appcore/surveycontroller.h"
#include "appcore/synccontroller.h"
#include "td/store/device_store.hpp"

namespace td::app {

td::Result<std::unique_ptr<AppContext>> AppContext::create(const QString& databasePath) {
    std::unique_ptr<AppContext> ctx(new AppContext);
    ctx->m_clock = std::make_unique<Clock>();
    auto store = LocalStore::open(databasePath, ctx->m_clock->coreClock());
    if (!store) {
        return store.error();
    }
    ctx->m_store = std::move(store.value());
    ctx->m_language = std::make_unique<LanguageController>();
    ctx->m_http = std::make_unique<HttpClient>();
    ctx->m_enrolment = std::make_unique<EnrolmentController>(ctx->m_store.get(), ctx->m_http.get());
    ctx->m_campaigns = std::make_unique<CampaignModel>();
    ctx->m_places = std::make_unique<PlaceRegistryModel>();
    ctx->m_content =
        std::make_unique<ContentRepository>(ctx->m_places.get(), ctx->m_campaigns.get());
    ctx->m_sync = std::make_unique<SyncController>(ctx->m_store.get(), ctx->m_http.get(),
                                                   ctx->m_enrolment.get(), ctx->m_clock.get());
    ctx->m_survey = std::make_unique<SurveyController>();
    ctx->m_kioskSurvey = std::make_unique<SurveyController>();
    ctx->m_kiosk = std::make_unique<KioskController>(ctx->m_kioskSurvey.get());
    ctx->m_position = std::make_unique<PositionController>();
    ctx->wire();
    return ctx;
}

AppContext::~AppContext() = default;

void AppContext::wire() {
    auto lookup = [places = m_places.get()](const QString& id) {
        return places->nameOf(id);
    };
    for (SurveyController* runner : {m_survey.get(), m_kioskSurvey.get()}) {
        runner->setClock(m_clock.get());
        runner->setLocalStore(m_store.get());
        runner->setPlaceNameLookup(lookup);
    }
    m_kiosk->setClock(m_clock.get());
    m_kiosk->setLocalStore(m_store.get());
    m_kiosk->setContent(m_content.get());
    m_content->setLocalStore(m_store.get());
    m_sync->setContent(m_content.get());

    auto applyEnrolment = [this] {
        m_content->setCampaignFilter(m_enrolment->role() == QLatin1String("resident")
                                         ? m_enrolment->campaignId()
                                         : QString());
        m_content->reload();
    };
    connect(m_enrolment.get(), &EnrolmentController::stateChanged, this, applyEnrolment);
    applyEnrolment();
    m_kiosk->restore(); // a dialogue that was running when the app stopped

    auto applyLanguage = [this] {
        const QString language = m_language->language();
        m_survey->setLanguage(language);
        m_kioskSurvey->setLanguage(language);
        m_campaigns->setLanguage(language);
        m_store->setSetting(std::string(td::store::settings::kLocale), language.toStdString());
    };
    connect(m_language.get(), &LanguageController::languageChanged, this, applyLanguage);
    if (const auto saved = m_store->setting(std::string(td::store::settings::kLocale))) {
        m_language->setLanguage(QString::fromStdString(*saved));
    }

    m_services.clock = m_clock.get();
    m_services.language = m_language.get();
    m_services.store = m_store.get();
    m_services.enrolment = m_enrolment.get();
    m_services.sync = m_sync.get();
    m_services.content = m_content.get();
    m_services.campaigns = m_campaigns.get();
    m_services.places = m_places.get();
    m_services.survey = m_survey.get();
    m_services.kiosk = m_kiosk.get();
    m_services.position = m_position.get();
}

void AppContext::setPositionSource(QGeoPositionInfoSource* source) {
    m_position->setSource(source);
}

void AppContext::setEngine(QQmlEngine* engine) {
    m_language->setEngine(engine);
}

void AppContext::registerWithQml() {
    registerServices(m_services);
}

} // namespace td::app
