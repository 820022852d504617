#include "appcore/appservices.h"

#include "appcore/campaignmodel.h"
#include "appcore/clock.h"
#include "appcore/contentrepository.h"
#include "appcore/enrolmentcontroller.h"
#include "appcore/kioskcontroller.h"
#include "appcore/languagecontroller.h"
#include "appcore/localstore.h"
#include "appcore/placeregistrymodel.h"
#include "appcore/positioncontroller.h"
#include "appcore/promisemodel.h"
#include "appcore/summarycontroller.h"
#include "appcore/surveycontroller.h"
#include "appcore/synccontroller.h"
#include "appcore/walkservices.h"

#include <QQmlEngine>

namespace td::app {

void registerServices(const AppServices& s) {
    constexpr const char* uri = "Trygghetsdialog.Services";
    qmlRegisterSingletonInstance(uri, 1, 0, "Clock", s.clock);
    qmlRegisterSingletonInstance(uri, 1, 0, "Language", s.language);
    qmlRegisterSingletonInstance(uri, 1, 0, "Store", s.store);
    qmlRegisterSingletonInstance(uri, 1, 0, "Enrolment", s.enrolment);
    qmlRegisterSingletonInstance(uri, 1, 0, "Sync", s.sync);
    qmlRegisterSingletonInstance(uri, 1, 0, "Content", s.content);
    qmlRegisterSingletonInstance(uri, 1, 0, "Campaigns", s.campaigns);
    qmlRegisterSingletonInstance(uri, 1, 0, "Places", s.places);
    qmlRegisterSingletonInstance(uri, 1, 0, "Survey", s.survey);
    qmlRegisterSingletonInstance(uri, 1, 0, "Kiosk", s.kiosk);
    qmlRegisterSingletonInstance(uri, 1, 0, "Position", s.position);
    // The pulled publications follow the store and the UI language; the store owns them.
    auto* summaries = new SummaryController(s.store, s.store);
    auto* promises = new PromiseModel(s.store, s.store);
    const auto follow = [summaries, promises, language = s.language] {
        summaries->setLanguage(language->language());
        promises->setLanguage(language->language());
    };
    QObject::connect(s.language, &LanguageController::languageChanged, summaries, follow);
    follow();
    qmlRegisterSingletonInstance(uri, 1, 0, "Summaries", summaries);
    qmlRegisterSingletonInstance(uri, 1, 0, "Promises", promises);
    WalkServices::of(s)->registerWithQml(uri);
}

} // namespace td::app
