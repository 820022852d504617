#include "appcore/runningdialogue.h"

#include "td/model/codec.hpp"

#include <boost/json.hpp>

namespace td::app {

namespace {

td::Error invalid(const std::string& message) {
    return td::makeError("invalid_running_dialogue", message);
}

} // namespace

std::string encodeRunningDialogue(const RunningDialogue& state) {
    boost::json::object o;
    o["dialogue"] = td::model::encode(state.dialogue);
    o["place_label"] = state.placeLabel;
    o["in_kiosk"] = state.inKiosk;
    o["pin"] = state.pin;
    return boost::json::serialize(o);
}

td::Result<RunningDialogue> decodeRunningDialogue(std::string_view text) {
    boost::system::error_code ec;
    const auto parsed = boost::json::parse(text, ec);
    if (ec || !parsed.is_object()) {
        return invalid("not a JSON object");
    }
    const auto& o = parsed.as_object();
    const auto* dialogue = o.if_contains("dialogue");
    const auto* label = o.if_contains("place_label");
    const auto* inKiosk = o.if_contains("in_kiosk");
    const auto* pin = o.if_contains("pin");
    if (!dialogue || !label || !label->is_string() || !inKiosk || !inKiosk->is_bool() || !pin ||
        !pin->is_string()) {
        return invalid("a field is missing or has the wrong type");
    }
    auto decoded = td::model::decode<td::model::Dialogue>(*dialogue, "dialogue");
    if (!decoded) {
        return decoded.error();
    }
    RunningDialogue state;
    state.dialogue = std::move(decoded.value());
    state.placeLabel = std::string(label->as_string());
    state.inKiosk = inKiosk->as_bool();
    state.pin = std::string(pin->as_string());
    return state;
}

} // namespace td::app
