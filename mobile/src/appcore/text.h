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

/// The id the registry gives a typed name: lower-case ASCII letters and digits, accents
/// dropped, other characters as single underscores, at most 64 ("Hällnäs" → "hallnas").
inline QString idFromName(QString text) {
    text = text.normalized(QString::NormalizationForm_D);
    QString out;
    for (const QChar c : text) {
        if (c.category() == QChar::Mark_NonSpacing) {
            continue;
        }
        const QChar lower = c.toLower();
        if (lower.isLetterOrNumber() && lower.unicode() < 128) {
            out.append(lower);
        } else if (!out.isEmpty() && !out.endsWith(QLatin1Char('_'))) {
            out.append(QLatin1Char('_'));
        }
    }
    while (out.endsWith(QLatin1Char('_'))) {
        out.chop(1);
    }
    return out.left(64);
}

} // namespace td::app
