#include "td/server/admin.hpp"

#include "td/server/auth_crypto.hpp"
#include "td/server/fault_point.hpp"
#include "td/store/server_store.hpp"

#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <termios.h>
#include <unistd.h>

namespace td::server {
namespace {

// Reads a line from the terminal with echo turned off.
std::optional<std::string> readHidden(std::FILE* tty, const char* prompt) {
    int fd = fileno(tty);
    termios old{};
    if (tcgetattr(fd, &old) != 0)
        return std::nullopt;
    termios quiet = old;
    quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
    std::fputs(prompt, tty);
    std::fflush(tty);
    tcsetattr(fd, TCSAFLUSH, &quiet);
    std::string line;
    int c;
    while ((c = std::fgetc(tty)) != EOF && c != '\n')
        line.push_back(static_cast<char>(c));
    tcsetattr(fd, TCSAFLUSH, &old);
    std::fputs("\n", tty);
    return line;
}

} // namespace

std::int64_t unixNowMs() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

Status createAccount(store::ServerStore& store, const std::string& username,
                     const std::string& password, store::Role role, std::int64_t nowMs) {
    if (username.empty() || username.size() > 128)
        return makeError("invalid_argument", "the username must have 1 to 128 characters");
    if (password.size() < 10)
        return makeError("weak_password", "the password must have at least 10 characters");
    auto hash = hashPassword(password);
    if (!hash)
        return hash.error();
    faultPoint("account-hashed");
    auto account = store.createAccount(username, *hash, role, nowMs);
    if (!account)
        return account.error();
    faultPoint("account-stored");
    return {};
}

Result<std::string> readAdminPassword() {
    if (const char* env = std::getenv("TD_ADMIN_PASSWORD"))
        return std::string(env);
    if (std::FILE* tty = std::fopen("/dev/tty", "r+")) {
        auto first = readHidden(tty, "Password: ");
        auto second = first ? readHidden(tty, "Repeat password: ") : std::nullopt;
        std::fclose(tty);
        if (first && second) {
            if (*first != *second)
                return makeError("password_mismatch", "the passwords differ");
            return *first;
        }
    }
    std::string line;
    if (!std::getline(std::cin, line))
        return makeError("invalid_argument", "no password given (set TD_ADMIN_PASSWORD)");
    return line;
}

Result<std::string> createEnrolmentCode(store::ServerStore& store, const CodeKey& key,
                                        store::Role role, std::chrono::seconds expiresIn,
                                        std::int64_t nowMs, const std::string& createdBy) {
    if (role != store::Role::Officer && role != store::Role::Kiosk)
        return makeError("invalid_argument", "enrolment codes are for officer or kiosk devices");
    std::string clear = generateEnrolmentCode();
    store::EnrolmentCode code;
    code.codeHash = hashEnrolmentCode(key, clear);
    code.role = role;
    code.createdAtMs = nowMs;
    code.expiresAtMs =
        nowMs + std::chrono::duration_cast<std::chrono::milliseconds>(expiresIn).count();
    code.createdBy = createdBy;
    if (auto s = store.createEnrolmentCode(code); !s)
        return s.error();
    faultPoint("enrolment-code-stored");
    return clear;
}

} // namespace td::server
