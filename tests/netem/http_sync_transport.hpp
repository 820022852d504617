#pragma once
// The sync client's transport over real HTTP for tests and benchmarks, as the app sends:
// request bodies gzip-compressed and gzip answers asked for (switchable, for the plain JSON
// that older apps send). Counts the bytes it puts on and takes off the wire.

#include "../server/http_client.hpp"
#include "td/core/gzip.hpp"
#include "td/sync/transport.hpp"

#include <chrono>
#include <string>

namespace td::test {

class HttpSyncTransport : public sync::SyncTransport {
public:
    HttpSyncTransport(const std::string& address, const std::string& token, bool gzip = true)
        : m_client(address)
        , m_gzip(gzip) {
        m_client.setToken(token);
        m_client.setRetryStale(false); // a cut is the sync client's to handle
    }

    sync::TransportReply post(std::string_view path, std::string_view body) override {
        std::vector<std::pair<std::string, std::string>> headers{
            {"Content-Type", "application/json"}};
        std::string payload(body);
        if (m_gzip) {
            payload = gzipCompress(body).value();
            headers.emplace_back("Content-Encoding", "gzip");
            headers.emplace_back("Accept-Encoding", "gzip");
        }
        return exchange("POST", std::string(path), payload, headers);
    }

    sync::TransportReply get(std::string_view pathAndQuery) override {
        std::vector<std::pair<std::string, std::string>> headers;
        if (m_gzip)
            headers.emplace_back("Accept-Encoding", "gzip");
        return exchange("GET", std::string(pathAndQuery), {}, headers);
    }

    /// Body bytes sent and received (HTTP headers not included).
    std::size_t bodyBytesSent = 0;
    std::size_t bodyBytesReceived = 0;
    std::size_t requests = 0;
    std::size_t failures = 0; ///< requests that got no answer

private:
    sync::TransportReply exchange(const std::string& method, const std::string& target,
                                  const std::string& body,
                                  const std::vector<std::pair<std::string, std::string>>& headers) {
        const auto start = std::chrono::steady_clock::now();
        ++requests;
        bodyBytesSent += body.size();
        ClientResponse res = m_client.request(method, target, body, headers);
        sync::TransportReply reply;
        reply.elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(
            std::chrono::steady_clock::now() - start);
        if (res.status == 0) {
            ++failures;
            m_client.disconnect(); // a cut connection: the next request opens a new one
            reply.error = "the connection was cut";
            return reply;
        }
        bodyBytesReceived += res.body.size();
        reply.status = res.status;
        if (res.header("content-encoding") == "gzip") {
            auto inflated = gzipInflate(res.body, 256u << 20);
            if (!inflated) {
                reply.status = 0;
                reply.error = "the answer is not valid gzip";
                return reply;
            }
            reply.body = std::move(inflated).value();
        } else {
            reply.body = std::move(res.body);
        }
        return reply;
    }

    HttpClient m_client;
    bool m_gzip;
};

} // namespace td::test
