#pragma once
// The services the QML user interface reaches as singletons of "Trygghetsdialog.Services".

namespace td::app {

class Clock;
class CampaignModel;
class ContentRepository;
class EnrolmentController;
class KioskController;
class LanguageController;
class LocalStore;
class PlaceRegistryModel;
class PositionController;
class SurveyController;
class SyncController;

struct AppServices {
    Clock* clock = nullptr;
    LanguageController* language = nullptr;
    LocalStore* store = nullptr;
    EnrolmentController* enrolment = nullptr;
    SyncController* sync = nullptr;
    ContentRepository* content = nullptr;
    CampaignModel* campaigns = nullptr;
    PlaceRegistryModel* places = nullptr;
    SurveyController* survey = nullptr;
    KioskController* kiosk = nullptr;
    PositionController* position = nullptr;
};

/// Registers every service (all must be set) as a C++-owned QML singleton instance.
void registerServices(const AppServices& services);

} // namespace td::app
