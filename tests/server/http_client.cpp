#include "http_client.hpp"

#include <arpa/inet.h>
#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>
#include <cstring>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <openssl/err.h>
#include <openssl/ssl.h>
#include <poll.h>
#include <stdexcept>
#include <sys/socket.h>
#include <unistd.h>

namespace td::test {

struct HttpClient::Conn {
    int fd = -1;
    SSL_CTX* ctx = nullptr;
    SSL* ssl = nullptr;
    std::string buffer; // bytes read beyond the last response

    ~Conn() {
        if (ssl) {
            SSL_shutdown(ssl);
            SSL_free(ssl);
        }
        if (ctx)
            SSL_CTX_free(ctx);
        if (fd >= 0)
            ::close(fd);
    }

    long writeSome(const char* data, std::size_t n) {
        if (ssl)
            return SSL_write(ssl, data, static_cast<int>(n));
        return ::send(fd, data, n, MSG_NOSIGNAL);
    }
    long readSome(char* data, std::size_t n) {
        if (ssl)
            return SSL_read(ssl, data, static_cast<int>(n));
        return ::recv(fd, data, n, 0);
    }
};

std::string loopbackHost(std::size_t n) {
    // 127.0.0.2 ... 127.0.0.254, then 127.0.1.1 ... 127.0.1.253 and so on.
    const std::size_t third = n / 253;
    const std::size_t fourth = n % 253 + (third == 0 ? 2 : 1);
    return "127.0." + std::to_string(third) + "." + std::to_string(fourth);
}

HttpClient::HttpClient(std::string address, bool tls)
    : m_tls(tls) {
    auto colon = address.rfind(':');
    m_host = address.substr(0, colon);
    m_port = std::stoi(address.substr(colon + 1));
}

HttpClient::~HttpClient() = default;
HttpClient::HttpClient(HttpClient&&) noexcept = default;

bool HttpClient::connect() {
    m_conn = std::make_unique<Conn>();
    m_conn->fd = ::socket(AF_INET, SOCK_STREAM, 0);
    if (!m_source.empty()) {
        sockaddr_in local{};
        local.sin_family = AF_INET;
        if (::inet_pton(AF_INET, m_source.c_str(), &local.sin_addr) != 1 ||
            ::bind(m_conn->fd, reinterpret_cast<sockaddr*>(&local), sizeof local) != 0) {
            m_conn.reset();
            return false;
        }
    }
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(static_cast<std::uint16_t>(m_port));
    ::inet_pton(AF_INET, m_host.c_str(), &addr.sin_addr);
    if (::connect(m_conn->fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
        m_conn.reset();
        return false;
    }
    int one = 1;
    ::setsockopt(m_conn->fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    if (m_tls) {
        m_conn->ctx = SSL_CTX_new(TLS_client_method());
        SSL_CTX_set_verify(m_conn->ctx, SSL_VERIFY_NONE, nullptr);
        m_conn->ssl = SSL_new(m_conn->ctx);
        SSL_set_fd(m_conn->ssl, m_conn->fd);
        if (SSL_connect(m_conn->ssl) != 1) {
            m_conn.reset();
            return false;
        }
    }
    return true;
}

void HttpClient::disconnect() {
    m_conn.reset();
}

bool HttpClient::closedByPeer(int waitMs) {
    if (!m_conn)
        return true;
    pollfd p{m_conn->fd, POLLIN, 0};
    if (::poll(&p, 1, waitMs) <= 0)
        return false;
    char c;
    long n = m_conn->readSome(&c, 1);
    return n <= 0;
}

bool HttpClient::send(const std::string& bytes) {
    std::size_t sent = 0;
    while (sent < bytes.size()) {
        long n = m_conn->writeSome(bytes.data() + sent, bytes.size() - sent);
        if (n <= 0)
            return false;
        sent += static_cast<std::size_t>(n);
    }
    return true;
}

ClientResponse HttpClient::readResponse() {
    ClientResponse res;
    std::string& buf = m_conn->buffer;
    char chunk[65536];
    auto fill = [&]() {
        long n = m_conn->readSome(chunk, sizeof chunk);
        if (n <= 0)
            return false;
        buf.append(chunk, static_cast<std::size_t>(n));
        return true;
    };
    std::size_t headerEnd;
    while ((headerEnd = buf.find("\r\n\r\n")) == std::string::npos)
        if (!fill())
            return res;
    std::string head = buf.substr(0, headerEnd);
    buf.erase(0, headerEnd + 4);
    auto lineEnd = head.find("\r\n");
    std::string statusLine = head.substr(0, lineEnd);
    auto sp = statusLine.find(' ');
    int status = std::stoi(statusLine.substr(sp + 1, 3));
    std::size_t pos = lineEnd == std::string::npos ? head.size() : lineEnd + 2;
    while (pos < head.size()) {
        auto end = head.find("\r\n", pos);
        if (end == std::string::npos)
            end = head.size();
        std::string line = head.substr(pos, end - pos);
        auto colon = line.find(':');
        if (colon != std::string::npos) {
            std::string name = line.substr(0, colon);
            for (auto& c : name)
                c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
            std::string value = line.substr(colon + 1);
            while (!value.empty() && value.front() == ' ')
                value.erase(0, 1);
            res.headers[name] = value;
        }
        pos = end + 2;
    }
    if (res.header("transfer-encoding") == "chunked") {
        // chunk-size CRLF data CRLF ... 0 CRLF CRLF (no trailers from this server)
        while (true) {
            std::size_t eol;
            while ((eol = buf.find("\r\n")) == std::string::npos)
                if (!fill())
                    return res;
            const std::size_t size = std::stoul(buf.substr(0, eol), nullptr, 16);
            while (buf.size() < eol + 2 + size + 2)
                if (!fill())
                    return res;
            if (buf.compare(eol + 2 + size, 2, "\r\n") != 0)
                return res;
            res.body.append(buf, eol + 2, size);
            buf.erase(0, eol + 2 + size + 2);
            if (size == 0)
                break;
            ++res.chunks;
        }
        res.status = status;
        if (res.header("connection") == "close")
            m_conn.reset();
        return res;
    }
    std::size_t length = 0;
    if (auto it = res.headers.find("content-length"); it != res.headers.end())
        length = std::stoul(it->second);
    while (buf.size() < length)
        if (!fill())
            return res;
    res.body = buf.substr(0, length);
    buf.erase(0, length);
    res.status = status;
    if (res.header("connection") == "close")
        m_conn.reset();
    return res;
}

ClientResponse
HttpClient::request(const std::string& method, const std::string& target, const std::string& body,
                    const std::vector<std::pair<std::string, std::string>>& headers) {
    std::string msg = method + " " + target + " HTTP/1.1\r\nHost: " + m_host + "\r\n";
    if (!m_token.empty())
        msg += "Authorization: Bearer " + m_token + "\r\n";
    for (const auto& [k, v] : headers)
        msg += k + ": " + v + "\r\n";
    if (!body.empty() || method == "POST" || method == "PUT")
        msg += "Content-Length: " + std::to_string(body.size()) + "\r\n";
    msg += "\r\n";
    msg += body;
    for (int attempt = 0; attempt < 2; ++attempt) {
        bool fresh = !m_conn;
        if (fresh && !connect())
            return {};
        if (send(msg)) {
            auto res = readResponse();
            if (res.status != 0 || fresh || !m_retryStale)
                return res;
        } else if (fresh || !m_retryStale) {
            // The server may have answered (e.g. 413) and closed before reading everything.
            auto res = readResponse();
            m_conn.reset();
            return res;
        }
        m_conn.reset(); // stale keep-alive connection: retry once on a new one
    }
    return {};
}

ClientResponse HttpClient::get(const std::string& target) {
    return request("GET", target, {});
}

ClientResponse HttpClient::post(const std::string& target, const std::string& body,
                                const std::string& contentType) {
    return request("POST", target, body, {{"Content-Type", contentType}});
}

ClientResponse HttpClient::put(const std::string& target, const std::string& body) {
    return request("PUT", target, body, {{"Content-Type", "application/json"}});
}

bool HttpClient::sendRaw(const std::string& bytes) {
    if (!m_conn && !connect())
        return false;
    return send(bytes);
}

ClientResponse HttpClient::readAnswer() {
    if (!m_conn)
        return {};
    return readResponse();
}

ClientResponse HttpClient::raw(const std::string& bytes) {
    m_conn.reset();
    if (!connect())
        return {};
    send(bytes);
    auto res = readResponse();
    m_conn.reset();
    return res;
}

std::string jsonString(const std::string& body, const std::string& pointer) {
    auto v = boost::json::parse(body);
    const auto& at = v.at_pointer(pointer);
    if (at.is_string())
        return std::string(at.as_string());
    if (at.is_int64())
        return std::to_string(at.as_int64());
    if (at.is_bool())
        return at.as_bool() ? "true" : "false";
    throw std::runtime_error("not a scalar at " + pointer);
}

} // namespace td::test
