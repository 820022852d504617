#pragma once
// The officer's kiosk PIN, kept only as a salted PBKDF2-SHA256 hash.

#include <QByteArray>
#include <QString>

namespace td::app {

class PinHash {
public:
    PinHash() = default;
    /// Hashes `pin` with a fresh random salt.
    static PinHash make(const QString& pin);
    /// Whether `pin` is the PIN this hash was made from (constant-time comparison).
    bool matches(const QString& pin) const;
    bool isSet() const { return !m_hash.isEmpty(); }
    /// Salt and hash as text, to keep a running dialogue's PIN across an app restart.
    QString toStored() const;
    /// The hash from toStored()'s text; an unset hash when the text is malformed.
    static PinHash fromStored(const QString& text);
    /// A PIN is 4 to 8 digits.
    static bool isAcceptable(const QString& pin);

private:
    static QByteArray derive(const QString& pin, const QByteArray& salt);
    QByteArray m_salt;
    QByteArray m_hash;
};

} // namespace td::app
