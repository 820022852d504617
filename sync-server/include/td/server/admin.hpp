#pragma once
// Admin subcommands run against the database without starting the server.

#include "td/core/result.hpp"
#include "td/server/auth_crypto.hpp"

#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

namespace td::store {
class ServerStore;
enum class Role;
} // namespace td::store

namespace td::server {

/// Creates an account with `role` (coordinator or admin) and an Argon2id hash of `password`
/// (at least 10 characters). Fails with `weak_password` or the store's `username_taken`.
Status createAccount(store::ServerStore& store, const std::string& username,
                     const std::string& password, store::Role role, std::int64_t nowMs);

/// The password for create-coordinator: $TD_ADMIN_PASSWORD, else read twice from the
/// terminal with echo off, else one line from standard input.
Result<std::string> readAdminPassword();

/// Creates a one-time enrolment code for `role` (officer or kiosk), stored hashed under `key`
/// (the server's key file); returns it as XXXX-XXXX.
Result<std::string> createEnrolmentCode(store::ServerStore& store, const CodeKey& key,
                                        store::Role role, std::chrono::seconds expiresIn,
                                        std::int64_t nowMs, const std::string& createdBy);

/// `demo-data load [--seed N] [--responses-per-wave N] [--content DIR] [--population FILE]`:
/// fills an empty database with the deterministic Vindeln demo data set (shared/demo) as the
/// coordinator API and sync would have stored it; prints a one-line JSON summary. Fails with
/// `database_not_empty` when campaigns already exist, so a second run changes nothing.
Status loadDemoData(store::ServerStore& store, const std::vector<std::string>& args);

/// `admin purge [--campaign ID [--free-text-now]] [--dry-run] [--today YYYY-MM-DD]`: applies
/// the retention dates of every closed campaign (or one), prints a JSON line per campaign and
/// logs each purge in the audit log. Open campaigns are skipped and said so.
Status runPurgeCommand(store::ServerStore& store, const std::vector<std::string>& args);

/// Unix milliseconds now.
std::int64_t unixNowMs();

} // namespace td::server
