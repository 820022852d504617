#pragma once
// Secrets: bearer tokens, their hashes, Argon2id passwords and enrolment codes (libsodium).

#include "td/core/result.hpp"

#include <array>
#include <string>
#include <string_view>

namespace td::server {

/// Initialises libsodium; call once before anything else here. Fails if it cannot.
Status initCrypto();

/// A fresh bearer token: 256 random bits, base64url without padding (43 characters).
std::string generateToken();

/// Hex SHA-256 of a token or code, the form stored in the database.
std::string hashSecret(std::string_view secret);

/// Constant-time equality of two equally long strings (false when lengths differ).
bool constantTimeEquals(std::string_view a, std::string_view b);

/// Argon2id hash string (libsodium's "$argon2id$..." form, interactive limits).
Result<std::string> hashPassword(std::string_view password);

/// True when `password` matches the stored Argon2id hash string.
bool verifyPassword(std::string_view storedHash, std::string_view password);

/// A one-time enrolment code: 8 characters from an unambiguous alphabet, "XXXX-XXXX".
std::string generateEnrolmentCode();

/// Canonical form of a typed code: upper case, without spaces and dashes. Lets "abcd efgh",
/// "ABCD-EFGH" and "abcdefgh" name the same code.
std::string normaliseCode(std::string_view typed);

/// The alphabet enrolment codes are drawn from (no 0/O, 1/I/L).
std::string_view enrolmentCodeAlphabet();

/// The secret key enrolment codes are hashed with. The codes have only about 2^40 values, so
/// an unkeyed hash in a leaked database would give the valid ones away in minutes.
using CodeKey = std::array<unsigned char, 32>;

/// A fresh random key.
CodeKey generateCodeKey();

/// Reads the key file at `path`, creating it (32 random bytes, mode 0600) when it does not
/// exist. Processes that start at once on one state directory all end up with the same key.
/// Fails with `key_file_insecure` when group or others have any access to it,
/// `key_file_invalid` when it does not hold exactly 32 bytes, `key_file_unreadable` when it
/// cannot be read or created.
Result<CodeKey> loadOrCreateCodeKey(const std::string& path);

/// The key file's place when none is configured: `enrolment-code.key` beside the database.
std::string defaultCodeKeyPath(const std::string& dbPath);

/// Hex HMAC-SHA-256 under `key` of a typed enrolment code in its canonical form
/// (normaliseCode): the form stored in the database.
std::string hashEnrolmentCode(const CodeKey& key, std::string_view typedCode);

} // namespace td::server
