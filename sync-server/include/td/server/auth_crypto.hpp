#pragma once
// Secrets: bearer tokens, their hashes, Argon2id passwords and enrolment codes (libsodium).

#include "td/core/result.hpp"

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

} // namespace td::server
