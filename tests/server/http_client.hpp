#pragma once
// A small blocking HTTP/1.1 client over a plain or TLS socket, for tests against the real
// server binary. One keep-alive connection; reconnects when the server closed it.

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace td::test {

struct ClientResponse {
    int status = 0; ///< 0 when no answer arrived (connection closed or reset)
    std::map<std::string, std::string> headers; ///< lower-case names
    std::string body;       ///< decoded when the answer was chunked
    std::size_t chunks = 0; ///< non-empty chunks of a chunked answer

    std::string header(const std::string& name) const {
        auto it = headers.find(name);
        return it == headers.end() ? std::string() : it->second;
    }
};

class HttpClient {
public:
    /// `address` is "HOST:PORT"; with `tls` the server certificate is not verified (tests
    /// use a self-signed certificate; the test checks the TLS handshake itself).
    explicit HttpClient(std::string address, bool tls = false);
    ~HttpClient();
    HttpClient(HttpClient&&) noexcept;

    void setToken(std::string token) { m_token = std::move(token); }

    ClientResponse get(const std::string& target);
    ClientResponse post(const std::string& target, const std::string& body,
                        const std::string& contentType = "application/json");
    ClientResponse put(const std::string& target, const std::string& body);

    /// Sends `method target` with extra header lines; retries once on a stale connection.
    ClientResponse request(const std::string& method, const std::string& target,
                           const std::string& body,
                           const std::vector<std::pair<std::string, std::string>>& headers = {});

    /// Writes raw bytes on a fresh connection and reads one answer (or until close).
    ClientResponse raw(const std::string& bytes);

    /// Writes bytes on the current connection (opened if needed).
    bool sendRaw(const std::string& bytes);
    /// Reads one answer from the current connection.
    ClientResponse readAnswer();

    /// Opens a connection and returns it unused (for connection-limit and timeout tests).
    bool connect();
    /// True when the server has closed the connection (reads EOF within `waitMs`).
    bool closedByPeer(int waitMs);
    void disconnect();

private:
    struct Conn;
    bool send(const std::string& bytes);
    ClientResponse readResponse();

    std::string m_host;
    int m_port = 0;
    bool m_tls = false;
    std::string m_token;
    std::unique_ptr<Conn> m_conn;
};

/// A JSON value of a response body (throws on malformed JSON; tests call it on JSON answers).
std::string jsonString(const std::string& body, const std::string& pointer);

} // namespace td::test
