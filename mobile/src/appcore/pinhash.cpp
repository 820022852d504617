#include "appcore/pinhash.h"

#include "td/core/uuid.hpp"

#include <QByteArrayList>
#include <QCryptographicHash>
#include <QPasswordDigestor>

namespace td::app {

namespace {
constexpr int kIterations = 20000;
constexpr int kKeyLength = 32;
} // namespace

PinHash PinHash::make(const QString& pin) {
    PinHash h;
    h.m_salt.resize(16);
    td::secureRandomBytes(h.m_salt.data(), static_cast<std::size_t>(h.m_salt.size()));
    h.m_hash = derive(pin, h.m_salt);
    return h;
}

bool PinHash::matches(const QString& pin) const {
    if (!isSet()) {
        return false;
    }
    const QByteArray candidate = derive(pin, m_salt);
    unsigned char diff = 0;
    for (qsizetype i = 0; i < m_hash.size(); ++i) {
        diff |= static_cast<unsigned char>(m_hash[i] ^ candidate[i]);
    }
    return diff == 0 && candidate.size() == m_hash.size();
}

QString PinHash::toStored() const {
    return QString::fromLatin1(m_salt.toBase64() + ':' + m_hash.toBase64());
}

PinHash PinHash::fromStored(const QString& text) {
    const auto parts = text.toLatin1().split(':');
    PinHash h;
    if (parts.size() == 2) {
        h.m_salt = QByteArray::fromBase64(parts[0]);
        h.m_hash = QByteArray::fromBase64(parts[1]);
    }
    if (h.m_salt.size() != 16 || h.m_hash.size() != kKeyLength) {
        return {};
    }
    return h;
}

bool PinHash::isAcceptable(const QString& pin) {
    if (pin.size() < 4 || pin.size() > 8) {
        return false;
    }
    for (const QChar c : pin) {
        if (c < QLatin1Char('0') || c > QLatin1Char('9')) {
            return false;
        }
    }
    return true;
}

QByteArray PinHash::derive(const QString& pin, const QByteArray& salt) {
    return QPasswordDigestor::deriveKeyPbkdf2(QCryptographicHash::Sha256, pin.toUtf8(), salt,
                                              kIterations, kKeyLength);
}

} // namespace td::app
