#pragma once
// Medborgardialog: the officer starts a dialogue, hands the device over in kiosk mode where
// residents answer the short dialogue survey one after another, notes topics and people met,
// leaves kiosk mode with the PIN and ends the dialogue (stored with its outbox entry). The
// running dialogue is kept in the device store after every change, so a restart resumes it.

#include "appcore/pinhash.h"
#include "appcore/surveycontroller.h"
#include "appcore/topicmodel.h"

#include <QObject>
#include <QtQml/qqmlregistration.h>

namespace td::app {

class Clock;
class ContentRepository;
class LocalStore;

class KioskController : public QObject {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Provided by the application")
    Q_PROPERTY(bool active READ active NOTIFY changed)
    Q_PROPERTY(bool inKiosk READ inKiosk NOTIFY changed)
    Q_PROPERTY(QString placeLabel READ placeLabel NOTIFY changed)
    Q_PROPERTY(QString locality READ locality NOTIFY changed)
    Q_PROPERTY(QString startedAt READ startedAtText NOTIFY changed)
    Q_PROPERTY(int peopleMet READ peopleMet WRITE setPeopleMet NOTIFY changed)
    /// Residents who submitted in this dialogue.
    Q_PROPERTY(int responses READ responses NOTIFY changed)
    Q_PROPERTY(td::app::TopicModel* topics READ topics CONSTANT)
    /// The survey runner residents use in kiosk mode.
    Q_PROPERTY(td::app::SurveyController* runner READ runner CONSTANT)
    Q_PROPERTY(QString lastError READ lastError NOTIFY changed)
public:
    KioskController(SurveyController* runner, QObject* parent = nullptr);

    void setClock(Clock* clock) { m_clock = clock; }
    void setLocalStore(LocalStore* store) { m_store = store; }
    void setContent(ContentRepository* content) { m_content = content; }

    bool active() const { return m_active; }
    bool inKiosk() const { return m_inKiosk; }
    QString placeLabel() const { return m_placeLabel; }
    QString locality() const { return m_locality; }
    QString startedAtText() const;
    int peopleMet() const { return m_peopleMet; }
    void setPeopleMet(int peopleMet);
    int responses() const { return m_responses; }
    TopicModel* topics() { return &m_topics; }
    SurveyController* runner() { return m_runner; }
    QString lastError() const { return m_lastError; }

    /// Starts a dialogue at a registry place (`placeId`) or a described place, in `locality`
    /// (an id, or a typed name that is turned into one: "Hällnäs" → "hallnas"), run by
    /// `organisation` ("polis"/"kommun"), with the kiosk PIN (4–8 digits, kept hashed).
    Q_INVOKABLE bool startDialogue(const QString& placeId, const QString& placeLabel,
                                   const QString& description, const QString& locality,
                                   const QString& organisation, const QString& pin);
    /// Hands over to residents: a fresh dialogue form.
    Q_INVOKABLE bool enterKiosk();
    /// After a resident's thank-you screen: a fresh, empty form for the next one.
    Q_INVOKABLE void nextResident();
    /// Leaves kiosk mode when `pin` is right; drops any half-filled form.
    Q_INVOKABLE bool leaveKiosk(const QString& pin);
    /// Stores the Dialogue record (with its outbox entry) and closes the dialogue.
    Q_INVOKABLE bool endDialogue();
    /// Resumes the dialogue that was running when the app stopped (its start data, topics,
    /// people met, and kiosk mode with a fresh form); false when none was running.
    bool restore();

Q_SIGNALS:
    void changed();

private:
    void setError(const QString& error);
    void onResidentSubmitted();
    /// Writes the running dialogue's state to the device store (no-op when none runs).
    void persist();
    td::model::Dialogue currentDialogue() const;
    int countResponses() const;

    SurveyController* m_runner;
    Clock* m_clock = nullptr;
    LocalStore* m_store = nullptr;
    ContentRepository* m_content = nullptr;
    TopicModel m_topics;
    PinHash m_pin;
    bool m_active = false;
    bool m_inKiosk = false;
    QString m_dialogueId;
    QString m_campaignId;
    QString m_placeId;
    QString m_placeLabel;
    QString m_description;
    QString m_locality;
    QString m_organisation;
    QDateTime m_startedAt;
    int m_peopleMet = 0;
    int m_responses = 0;
    QString m_lastError;
    bool m_restoring = false;
};

} // namespace td::app
