#include "appcore/localstore.h"

#include "td/core/uuid.hpp"
#include "td/store/device_store.hpp"

namespace td::app {

namespace {
constexpr std::string_view kHlcNode = "hlc_node";
}

td::Result<std::unique_ptr<LocalStore>> LocalStore::open(const QString& path, td::Clock clock,
                                                         QObject* parent) {
    td::store::DeviceStoreOptions options;
    options.clock = clock;
    auto store = td::store::DeviceStore::open(path.toStdString(), options);
    if (!store) {
        return store.error();
    }
    // The clock's node id: random per installation, kept across restarts.
    auto node = store->setting(kHlcNode);
    if (!node) {
        return node.error();
    }
    std::string nodeId = node->value_or(std::string());
    if (nodeId.empty()) {
        nodeId = td::newUuidV7().toString().substr(24);
        if (auto s = store->setSetting(kHlcNode, nodeId); !s) {
            return s.error();
        }
    }
    auto owned = std::make_unique<td::store::DeviceStore>(std::move(store.value()));
    return std::unique_ptr<LocalStore>(
        new LocalStore(std::move(owned), std::move(nodeId), std::move(clock), parent));
}

LocalStore::LocalStore(std::unique_ptr<td::store::DeviceStore> store, std::string hlcNode,
                       td::Clock clock, QObject* parent)
    : QObject(parent)
    , m_store(std::move(store))
    , m_hlc(std::move(hlcNode), std::move(clock)) {}

LocalStore::~LocalStore() = default;

int LocalStore::pendingCount() const {
    auto count = m_store->pendingCount();
    return count ? static_cast<int>(*count) : 0;
}

int LocalStore::rejectedCount() const {
    auto rejected = m_store->rejected();
    return rejected ? static_cast<int>(rejected->size()) : 0;
}

td::Status LocalStore::submitRecord(std::string_view kind, const std::string& id,
                                    const std::string& body, const std::string& draftId) {
    td::store::LocalRecord record;
    record.kind = std::string(kind);
    record.id = id;
    record.rev = 1;
    record.hlc = m_hlc.now().toString();
    record.body = body;
    auto status = m_store->submit(
        record, draftId.empty() ? std::nullopt : std::optional<std::string_view>(draftId));
    report(status);
    Q_EMIT changed();
    return status;
}

void LocalStore::saveDraft(const std::string& draftId, std::string_view kind,
                           const std::string& ref, const std::string& json) {
    td::store::Draft draft;
    draft.id = draftId;
    draft.kind = std::string(kind);
    draft.ref = ref;
    draft.body = json;
    report(m_store->saveDraft(draft));
}

std::optional<std::string> LocalStore::loadDraft(const std::string& draftId) {
    auto draft = m_store->loadDraft(draftId);
    if (!draft) {
        report(draft.error());
        return std::nullopt;
    }
    if (!draft->has_value()) {
        return std::nullopt;
    }
    return (*draft)->body;
}

void LocalStore::deleteDraft(const std::string& draftId) {
    auto deleted = m_store->deleteDraft(draftId);
    report(deleted ? td::Status{} : td::Status{deleted.error()});
}

std::vector<std::string> LocalStore::recordBodies(std::string_view kind) {
    std::vector<std::string> bodies;
    auto rows = m_store->recordsOfKind(kind);
    if (!rows) {
        report(rows.error());
        return bodies;
    }
    for (auto& row : *rows) {
        bodies.push_back(std::move(row.body));
    }
    return bodies;
}

std::optional<std::string> LocalStore::setting(const std::string& key) {
    auto value = m_store->setting(key);
    if (!value) {
        report(value.error());
        return std::nullopt;
    }
    return *value;
}

void LocalStore::setSetting(const std::string& key, const std::string& value) {
    report(m_store->setSetting(key, value));
}

void LocalStore::notifyChanged() {
    Q_EMIT changed();
}

void LocalStore::report(const td::Status& status) {
    const QString error =
        status ? QString()
               : tr("Lagringsfel: %1").arg(QString::fromStdString(status.error().describe()));
    if (error != m_lastError) {
        m_lastError = error;
        Q_EMIT changed();
    }
}

} // namespace td::app
