#pragma once
// A list of selectable options (scale points, choices, reasons, times of day) with their
// selection state, as QML lists them.

#include <QAbstractListModel>
#include <QStringList>
#include <QtQml/qqmlregistration.h>
#include <vector>

namespace td::app {

class OptionModel : public QAbstractListModel {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Provided by a question controller")
public:
    enum Role { KeyRole = Qt::UserRole + 1, LabelRole, SelectedRole };
    Q_ENUM(Role)

    struct Option {
        QString key;
        QString label;
    };

    explicit OptionModel(QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

    /// Replaces all options; the selection is cleared.
    void setOptions(std::vector<Option> options);
    /// Marks exactly the options whose key is in `keys` as selected.
    void setSelectedKeys(const QStringList& keys);
    /// The key of the option at `row` (empty when out of range).
    Q_INVOKABLE QString keyAt(int row) const;

private:
    std::vector<Option> m_options;
    QStringList m_selected;
};

} // namespace td::app
