#include "appcore/measurestatus.h"

#include "appcore/localstore.h"
#include "td/model/codec.hpp"
#include "td/model/validator.hpp"
#include "td/store/device_store.hpp"
#include "td/sync/editable_sync.hpp"

#include <QString>

namespace td::app {

using td::model::Measure;
using td::model::MeasureStatus;

bool isAllowedStatusChange(std::string_view from, std::string_view to) {
    if (from == to || (to == "rejected" && from != "rejected")) {
        return true;
    }
    return (from == "proposed" && to == "decided") || (from == "decided" && to == "in_progress") ||
           (from == "in_progress" && to == "done");
}

td::Status changeMeasureStatus(LocalStore& store, std::string_view id, std::string_view status,
                               std::string_view reason) {
    const auto next = td::model::enumFromString<MeasureStatus>(status);
    if (!next) {
        return td::makeError("invalid_value",
                             "unknown measure status '" + std::string(status) + "'", "status");
    }
    auto state = store.deviceStore().editable(id);
    if (!state) {
        return state.error();
    }
    if (!state->has_value() || (*state)->kind != "measure") {
        return td::makeError("not_found", "no measure " + std::string(id) + " on this device");
    }
    auto decoded = td::model::fromJsonText<Measure>((*state)->body);
    if (!decoded) {
        return decoded.error();
    }
    const Measure before = td::sync::effectiveMeasure(std::move(decoded.value()));
    const std::string_view from = td::model::toString(before.status);
    if (!isAllowedStatusChange(from, status)) {
        return td::makeError("invalid_transition",
                             "a measure cannot go from \"" + std::string(from) + "\" to \"" +
                                 std::string(status) + "\"",
                             "status");
    }
    Measure after = before;
    after.status = *next;
    after.rejectionReason.reset();
    if (*next == MeasureStatus::Rejected) {
        after.rejectionReason =
            QString::fromUtf8(reason.data(), static_cast<qsizetype>(reason.size()))
                .trimmed()
                .toStdString();
    }
    if (after == before) {
        return {};
    }
    if (const auto issues = td::model::validateMeasure(after); !issues.empty()) {
        return td::makeError(issues.front().code, issues.front().message, issues.front().path);
    }
    auto edited = td::sync::editOnDevice(store.deviceStore(), store.hlc(), id,
                                         td::model::encode(after).as_object());
    if (!edited) {
        return edited.error();
    }
    store.notifyChanged();
    return {};
}

std::vector<std::string> measureConflictFields(LocalStore& store, const std::string& id) {
    auto state = store.deviceStore().editable(id);
    if (!state || !state->has_value()) {
        return {};
    }
    return (*state)->conflictFields;
}

} // namespace td::app
