#pragma once
// Topics raised in a citizen dialogue: one row per focus area with a count and a short note.

#include "td/model/dialogue.hpp"

#include <QAbstractListModel>
#include <QtQml/qqmlregistration.h>
#include <array>

namespace td::app {

class TopicModel : public QAbstractListModel {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Provided by the kiosk controller")
public:
    enum Role { FocusAreaRole = Qt::UserRole + 1, LabelRole, CountRole, NoteRole };
    Q_ENUM(Role)

    explicit TopicModel(QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

    /// Adds `delta` to the row's count (never below 0).
    Q_INVOKABLE void adjust(int row, int delta);
    /// Sets the row's note (trimmed, at most 500 characters).
    Q_INVOKABLE void setNote(int row, const QString& note);
    /// Zero counts and no notes.
    void clear();
    /// The topics with a count or a note, as the Dialogue record wants them.
    std::vector<td::model::DialogueTopic> topics() const;
    /// The translated name of a focus area.
    static QString focusAreaLabel(td::model::FocusArea area);

private:
    struct Row {
        int count = 0;
        QString note;
    };
    static constexpr int kRows = 6;
    std::array<Row, kRows> m_rows{};
};

} // namespace td::app
