// DeviceStore: record getters, sync state, drafts and settings.

#include "device_store_impl.hpp"
#include "td/store/transaction.hpp"

namespace td::store {

namespace {

DbResult<Draft> readDraft(const Statement& s) {
    return Draft{s.columnText(0), s.columnText(1), s.columnText(2), s.columnText(3),
                 s.columnInt64(4)};
}

} // namespace

Result<std::optional<RecordRow>> DeviceStore::record(std::string_view id) {
    auto row = m_impl->records.get(id);
    TD_STORE_TRY(row);
    return std::move(row).value();
}

Result<std::vector<RecordRow>> DeviceStore::recordsOfKind(std::string_view kind) {
    auto rows = m_impl->records.ofKind(kind);
    TD_STORE_TRY(rows);
    return std::move(rows).value();
}

Result<SyncState> DeviceStore::syncState() {
    auto state =
        queryOptional<SyncState>(m_impl->readSyncState, [](Statement& s) -> DbResult<SyncState> {
            SyncState out;
            out.cursor = s.columnText(0);
            if (!s.isNull(1))
                out.lastSyncAtMs = s.columnInt64(1);
            out.lastOutcome = s.columnText(2);
            return out;
        });
    TD_STORE_TRY(state);
    if (!*state)
        return makeError("storage_error", "sync_state row is missing");
    return **state;
}

Status DeviceStore::recordSyncOutcome(std::string_view outcome) {
    Statement& s = m_impl->setSyncOutcome;
    TD_STORE_TRY(s.bindInt64(1, m_impl->clock()));
    TD_STORE_TRY(s.bindText(2, outcome));
    TD_STORE_TRY(s.run());
    return {};
}

Status DeviceStore::saveDraft(const Draft& draft) {
    if (draft.id.empty())
        return makeError("invalid_argument", "draft id is empty", "id");
    if (draft.kind.empty())
        return makeError("invalid_argument", "draft kind is empty", "kind");
    Statement& s = m_impl->upsertDraft;
    TD_STORE_TRY(s.bindText(1, draft.id));
    TD_STORE_TRY(s.bindText(2, draft.kind));
    TD_STORE_TRY(s.bindText(3, draft.ref));
    TD_STORE_TRY(s.bindText(4, draft.body));
    TD_STORE_TRY(s.bindInt64(5, m_impl->clock()));
    TD_STORE_TRY(s.run());
    return {};
}

Result<std::optional<Draft>> DeviceStore::loadDraft(std::string_view id) {
    TD_STORE_TRY(m_impl->loadDraft.bindText(1, id));
    auto draft = queryOptional<Draft>(m_impl->loadDraft, readDraft);
    TD_STORE_TRY(draft);
    return std::move(draft).value();
}

Result<std::vector<Draft>> DeviceStore::drafts(std::string_view kind) {
    Statement* q = &m_impl->listDrafts;
    if (!kind.empty()) {
        q = &m_impl->listDraftsOfKind;
        TD_STORE_TRY(q->bindText(1, kind));
    }
    auto list = queryAll<Draft>(*q, readDraft);
    TD_STORE_TRY(list);
    return std::move(list).value();
}

Result<bool> DeviceStore::deleteDraft(std::string_view id) {
    Statement& s = m_impl->deleteDraft;
    TD_STORE_TRY(s.bindText(1, id));
    TD_STORE_TRY(s.run());
    return s.changes() > 0;
}

Status DeviceStore::setSetting(std::string_view key, std::string_view value) {
    if (key.empty())
        return makeError("invalid_argument", "setting key is empty");
    Statement& s = m_impl->upsertSetting;
    TD_STORE_TRY(s.bindText(1, key));
    TD_STORE_TRY(s.bindText(2, value));
    TD_STORE_TRY(s.run());
    return {};
}

Result<std::optional<std::string>> DeviceStore::setting(std::string_view key) {
    TD_STORE_TRY(m_impl->readSetting.bindText(1, key));
    auto value = queryOptional<std::string>(
        m_impl->readSetting, [](Statement& s) -> DbResult<std::string> { return s.columnText(0); });
    TD_STORE_TRY(value);
    return std::move(value).value();
}

Result<bool> DeviceStore::removeSetting(std::string_view key) {
    Statement& s = m_impl->deleteSetting;
    TD_STORE_TRY(s.bindText(1, key));
    TD_STORE_TRY(s.run());
    return s.changes() > 0;
}

} // namespace td::store
