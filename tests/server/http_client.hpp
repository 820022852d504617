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
    std::string body;                           ///< decoded when the answer was chunked
    std::size_t chunks = 0;                     ///< non-empty chunks of a chunked answer

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
    /// Connects from this local IPv4 address (e.g. "127.0.0.7"), so that one process can act
    /// as many hosts against the server's per-address limits. Empty: the kernel's choice.
    void setSourceAddress(std::string address) { m_source = std::move(address); }
    /// Whether request() sends a request again on a new connection when a kept-alive one
    /// gave no answer (on by default). Off for transports that must see every cut, as an app
    /// does.
    void setRetryStale(bool on) { m_retryStale = on; }

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
    std::string m_source;
    bool m_retryStale = true;
    std::unique_ptr<Conn> m_conn;
};

/// The loopback address 127.0.0.N for the n-th simulated host (n from 0; skips 127.0.0.1 and
/// the .0 and .255 of each /24), for clients that stand for distinct hosts.
std::string loopbackHost(std::size_t n);

/// A JSON value of a response body (throws on malformed JSON; tests call it on JSON answers).
std::string jsonString(const std::string& body, const std::string& pointer);

} // namespace td::test
