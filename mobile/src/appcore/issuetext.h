#pragma once
// Messages a person understands for the shared validator's issue codes.

#include "td/model/validator.hpp"

#include <QString>

namespace td::app {

/// The translated message for `issue` (by its code; a general message for unknown codes).
QString issueMessage(const td::model::Issue& issue);

} // namespace td::app
