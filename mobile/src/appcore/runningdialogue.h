#pragma once
// The state of a medborgardialog that has started and not yet ended, kept as a draft in the
// device store so that an app restart (or a crash) resumes it — kiosk mode included.

#include "td/core/result.hpp"
#include "td/model/dialogue.hpp"

#include <string>
#include <string_view>

namespace td::app {

struct RunningDialogue {
    /// The dialogue as far as it is known (no end time yet).
    td::model::Dialogue dialogue;
    /// What the officer chose or wrote as the place, for display.
    std::string placeLabel;
    /// Residents hold the device: restarting returns to kiosk mode.
    bool inKiosk = false;
    /// The kiosk PIN's salted hash (PinHash::toStored()).
    std::string pin;
};

/// The draft id under which the running dialogue is kept.
inline constexpr std::string_view kRunningDialogueDraftId = "dialogue:running";

/// JSON text of `state`.
std::string encodeRunningDialogue(const RunningDialogue& state);
/// Reads encodeRunningDialogue()'s text; "invalid_running_dialogue" when it cannot be read.
td::Result<RunningDialogue> decodeRunningDialogue(std::string_view text);

} // namespace td::app
