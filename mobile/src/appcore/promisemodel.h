#pragma once
// "Medborgarlöften": the citizen promises this device has pulled (record kind promise), each
// with its focus area, text in the current language, period and activities with their status,
// and the agreement they are made under (record kind agreement) when one has been pulled.

#include "td/model/agreement.hpp"
#include "td/model/promise.hpp"

#include <QAbstractListModel>
#include <QStringList>
#include <QVariantList>
#include <QtQml/qqmlregistration.h>
#include <optional>
#include <vector>

namespace td::app {

class LocalStore;

class PromiseModel : public QAbstractListModel {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Provided by the application")
    Q_PROPERTY(QString language READ language WRITE setLanguage NOTIFY languageChanged)
    Q_PROPERTY(int count READ count NOTIFY countChanged)
    /// Whether an agreement has been pulled (the newest signed one is shown).
    Q_PROPERTY(bool hasAgreement READ hasAgreement NOTIFY agreementChanged)
    /// "Polismyndigheten och Vindelns kommun".
    Q_PROPERTY(QString agreementParties READ agreementParties NOTIFY agreementChanged)
    /// "1 jan. 2023 – 31 dec. 2025, gäller tills en ny överenskommelse skrivs under".
    Q_PROPERTY(QString agreementPeriod READ agreementPeriod NOTIFY agreementChanged)
    /// The signatories' roles in the current language, with their organisation.
    Q_PROPERTY(QStringList agreementSignatories READ agreementSignatories NOTIFY agreementChanged)
public:
    enum Role {
        PromiseIdRole = Qt::UserRole + 1,
        AreaRole,          ///< focus area wire name
        AreaNameRole,      ///< "Narkotika"
        TextRole,          ///< the promise in the current language
        PeriodRole,        ///< "2023–2025"
        OrganisationsRole, ///< "Polisen och kommunen"
        ActivitiesRole,    ///< list of {what, who, when, status, statusText}
        DoneCountRole,     ///< activities done
    };
    Q_ENUM(Role)

    explicit PromiseModel(LocalStore* store, QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

    QString language() const { return m_language; }
    void setLanguage(const QString& language);
    int count() const { return rowCount(); }
    bool hasAgreement() const { return m_agreement.has_value(); }
    QString agreementParties() const;
    QString agreementPeriod() const;
    QStringList agreementSignatories() const;

    /// Re-reads the pulled promises (newest period first, then by focus area); records that
    /// do not decode are skipped.
    Q_INVOKABLE void reload();

    /// "Planerad", "Pågår", "Genomförd", "Inställd".
    static QString statusText(td::model::ActivityStatus status);

Q_SIGNALS:
    void languageChanged();
    void countChanged();
    void agreementChanged();

private:
    QVariantList activities(const td::model::Promise& promise) const;

    LocalStore* m_store;
    QString m_language = QStringLiteral("sv");
    std::vector<td::model::Promise> m_promises;
    std::optional<td::model::Agreement> m_agreement;
};

} // namespace td::app
