#pragma once
// Conversions between the shared library's plain types and Qt's.

#include "td/model/common.hpp"

#include <QString>

namespace td::app {

/// The text in `language` ("sv" or "en"); Swedish when English is missing.
inline QString localized(const td::model::Text& text, const QString& language) {
    if (language == QLatin1String("en") && !text.en.empty()) {
        return QString::fromStdString(text.en);
    }
    return QString::fromStdString(text.sv);
}

inline QString qs(const std::string& s) {
    return QString::fromStdString(s);
}
inline QString qs(std::string_view s) {
    return QString::fromUtf8(s.data(), static_cast<qsizetype>(s.size()));
}

} // namespace td::app
