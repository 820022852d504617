#include "td/server/auth_crypto.hpp"

#include <cctype>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

namespace td::server {
namespace {

constexpr std::string_view kCodeAlphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";

} // namespace

Status initCrypto() {
    if (sodium_init() < 0)
        return makeError("crypto_unavailable", "libsodium failed to initialise");
    return {};
}

std::string generateToken() {
    unsigned char raw[32];
    randombytes_buf(raw, sizeof raw);
    char out[sodium_base64_ENCODED_LEN(sizeof raw, sodium_base64_VARIANT_URLSAFE_NO_PADDING)];
    sodium_bin2base64(out, sizeof out, raw, sizeof raw, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
    sodium_memzero(raw, sizeof raw);
    return std::string(out);
}

std::string hashSecret(std::string_view secret) {
    unsigned char digest[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(secret.data()),
                       secret.size());
    char hex[crypto_hash_sha256_BYTES * 2 + 1];
    sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
    return std::string(hex);
}

bool constantTimeEquals(std::string_view a, std::string_view b) {
    if (a.size() != b.size())
        return false;
    return sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

Result<std::string> hashPassword(std::string_view password) {
    char out[crypto_pwhash_STRBYTES];
    if (crypto_pwhash_str(out, password.data(), password.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                          crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
        return makeError("crypto_unavailable", "out of memory while hashing a password");
    return std::string(out);
}

bool verifyPassword(std::string_view storedHash, std::string_view password) {
    std::string hash(storedHash); // needs a NUL-terminated string
    return crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size()) == 0;
}

std::string generateEnrolmentCode() {
    std::string code;
    for (int i = 0; i < 8; ++i) {
        if (i == 4)
            code.push_back('-');
        code.push_back(
            kCodeAlphabet[randombytes_uniform(static_cast<std::uint32_t>(kCodeAlphabet.size()))]);
    }
    return code;
}

std::string normaliseCode(std::string_view typed) {
    std::string out;
    for (char c : typed) {
        if (c == '-' || c == ' ')
            continue;
        out.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(c))));
    }
    return out;
}

std::string_view enrolmentCodeAlphabet() {
    return kCodeAlphabet;
}

CodeKey generateCodeKey() {
    CodeKey key;
    randombytes_buf(key.data(), key.size());
    return key;
}

namespace {

Error keyFileError(std::string code, const std::string& path, const std::string& why) {
    return makeError(std::move(code), "enrolment-code key file " + path + ": " + why);
}

// Writes a fresh key to a temporary file beside `path` and links it into place, so that the
// file never exists half written and a key another process linked first is kept.
Status createKeyFile(const std::string& path) {
    std::string temp = path + ".tmp-XXXXXX";
    int fd = ::mkstemp(temp.data()); // mode 0600
    if (fd < 0)
        return keyFileError("key_file_unreadable", path, std::strerror(errno));
    CodeKey key = generateCodeKey();
    bool written =
        ::write(fd, key.data(), key.size()) == static_cast<ssize_t>(key.size()) && ::fsync(fd) == 0;
    sodium_memzero(key.data(), key.size());
    ::close(fd);
    const int linked = written ? ::link(temp.c_str(), path.c_str()) : -1;
    const int linkErrno = errno;
    ::unlink(temp.c_str());
    if (!written)
        return keyFileError("key_file_unreadable", path, "cannot write a new key");
    if (linked != 0 && linkErrno != EEXIST)
        return keyFileError("key_file_unreadable", path, std::strerror(linkErrno));
    std::string dir = std::filesystem::path(path).parent_path().string();
    int dirFd = ::open(dir.empty() ? "." : dir.c_str(), O_RDONLY | O_DIRECTORY);
    if (dirFd >= 0) {
        ::fsync(dirFd);
        ::close(dirFd);
    }
    return {};
}

} // namespace

Result<CodeKey> loadOrCreateCodeKey(const std::string& path) {
    int fd = ::open(path.c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
    if (fd < 0 && errno == ENOENT) {
        if (auto created = createKeyFile(path); !created)
            return created.error();
        fd = ::open(path.c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
    }
    if (fd < 0)
        return keyFileError("key_file_unreadable", path, std::strerror(errno));
    struct stat st {};
    if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        ::close(fd);
        return keyFileError("key_file_unreadable", path, "not a regular file");
    }
    if ((st.st_mode & 077) != 0) {
        ::close(fd);
        return keyFileError("key_file_insecure", path,
                            "group or others have access to it; chmod 0600 it");
    }
    CodeKey key;
    unsigned char extra = 0;
    const ssize_t n = ::read(fd, key.data(), key.size());
    const ssize_t more = n == static_cast<ssize_t>(key.size()) ? ::read(fd, &extra, 1) : 0;
    ::close(fd);
    if (n != static_cast<ssize_t>(key.size()) || more != 0) {
        sodium_memzero(key.data(), key.size());
        return keyFileError("key_file_invalid", path, "it must hold exactly 32 bytes");
    }
    return key;
}

std::string defaultCodeKeyPath(const std::string& dbPath) {
    std::filesystem::path dir = std::filesystem::path(dbPath).parent_path();
    return (dir / "enrolment-code.key").string();
}

std::string hashEnrolmentCode(const CodeKey& key, std::string_view typedCode) {
    const std::string code = normaliseCode(typedCode);
    unsigned char mac[crypto_auth_hmacsha256_BYTES];
    crypto_auth_hmacsha256_state state;
    crypto_auth_hmacsha256_init(&state, key.data(), key.size());
    crypto_auth_hmacsha256_update(&state, reinterpret_cast<const unsigned char*>(code.data()),
                                  code.size());
    crypto_auth_hmacsha256_final(&state, mac);
    char hex[sizeof mac * 2 + 1];
    sodium_bin2hex(hex, sizeof hex, mac, sizeof mac);
    return std::string(hex);
}

} // namespace td::server
