#pragma once
// The app's view of the device store (td::store::DeviceStore): records and their outbox
// entries, drafts, settings and sync state, with change notification for the UI.

#include "td/core/clock.hpp"
#include "td/core/hlc.hpp"
#include "td/core/result.hpp"

#include <QObject>
#include <QString>
#include <QtQml/qqmlregistration.h>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace td::store {
class DeviceStore;
}

namespace td::app {

class LocalStore : public QObject {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Provided by the application")
    /// Records waiting to be synced.
    Q_PROPERTY(int pendingCount READ pendingCount NOTIFY changed)
    /// Records the server rejected (shown under "Behöver åtgärdas").
    Q_PROPERTY(int rejectedCount READ rejectedCount NOTIFY changed)
    /// The last error of a write; empty after a successful one.
    Q_PROPERTY(QString lastError READ lastError NOTIFY changed)
public:
    /// Opens (creating if needed) the device database at `path`; `clock` stamps records.
    static td::Result<std::unique_ptr<LocalStore>> open(const QString& path, td::Clock clock,
                                                        QObject* parent = nullptr);
    ~LocalStore() override;

    td::store::DeviceStore& deviceStore() { return *m_store; }
    /// The device's hybrid logical clock (for edits of editable records).
    td::Hlc& hlc() { return m_hlc; }

    int pendingCount() const;
    int rejectedCount() const;
    QString lastError() const { return m_lastError; }

    /// Writes the record (revision 1) and its outbox entry in one transaction and deletes the
    /// draft `draftId` (if not empty) in the same transaction.
    td::Status submitRecord(std::string_view kind, const std::string& id, const std::string& body,
                            const std::string& draftId = {});
    /// Saves or replaces a draft; failures are reported through lastError.
    void saveDraft(const std::string& draftId, std::string_view kind, const std::string& ref,
                   const std::string& json);
    std::optional<std::string> loadDraft(const std::string& draftId);
    void deleteDraft(const std::string& draftId);
    /// Bodies of all records of `kind` (e.g. "survey", "campaign", "place").
    std::vector<std::string> recordBodies(std::string_view kind);
    std::optional<std::string> setting(const std::string& key);
    void setSetting(const std::string& key, const std::string& value);
    /// Tells the UI that the store changed behind its back (e.g. after a sync).
    void notifyChanged();

Q_SIGNALS:
    void changed();

private:
    LocalStore(std::unique_ptr<td::store::DeviceStore> store, std::string hlcNode, td::Clock clock,
               QObject* parent);
    void report(const td::Status& status);

    std::unique_ptr<td::store::DeviceStore> m_store;
    td::Hlc m_hlc;
    QString m_lastError;
};

} // namespace td::app
