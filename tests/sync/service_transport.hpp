#pragma once
// An in-process SyncTransport that hands requests to the real SyncService (no HTTP), with
// switches to simulate a lost network or a lost answer.

#include "td/sync/sync_service.hpp"
#include "td/sync/transport.hpp"

#include <charconv>
#include <string>

namespace td::test {

class ServiceTransport : public sync::SyncTransport {
public:
    ServiceTransport(sync::SyncService& service, sync::Principal principal)
        : m_service(service)
        , m_principal(std::move(principal)) {}

    /// The next `n` requests get no answer and never reach the server.
    void failNext(int n) { m_unreachable = n; }
    /// The next `n` pushes reach the server (and are committed) but their answer is lost.
    void loseNextAnswers(int n) { m_loseAnswers = n; }
    /// The next `n` requests are answered with this HTTP status and an empty body.
    void answerNext(int n, int status) {
        m_forced = n;
        m_forcedStatus = status;
    }
    int posts = 0;
    int gets = 0;

    sync::TransportReply post(std::string_view path, std::string_view body) override {
        ++posts;
        if (auto early = intercept())
            return *early;
        if (path != sync::kPushPath)
            return sync::TransportReply{404, "", ""};
        sync::SyncReply reply = m_service.push(m_principal, body);
        if (m_loseAnswers > 0) {
            --m_loseAnswers;
            return sync::TransportReply{0, "", "connection reset"};
        }
        return sync::TransportReply{reply.httpStatus, std::move(reply.jsonBody), ""};
    }

    sync::TransportReply get(std::string_view pathAndQuery) override {
        ++gets;
        if (auto early = intercept())
            return *early;
        const auto question = pathAndQuery.find('?');
        if (pathAndQuery.substr(0, question) != sync::kPullPath)
            return sync::TransportReply{404, "", ""};
        std::string cursor;
        std::optional<std::int64_t> limit;
        std::string_view query =
            question == std::string_view::npos ? "" : pathAndQuery.substr(question + 1);
        while (!query.empty()) {
            auto amp = query.find('&');
            std::string_view pair = query.substr(0, amp);
            query = amp == std::string_view::npos ? "" : query.substr(amp + 1);
            auto eq = pair.find('=');
            std::string_view key = pair.substr(0, eq);
            std::string_view value = eq == std::string_view::npos ? "" : pair.substr(eq + 1);
            if (key == "cursor") {
                cursor = decode(value);
            } else if (key == "limit") {
                std::int64_t n = 0;
                std::from_chars(value.data(), value.data() + value.size(), n);
                limit = n;
            }
        }
        sync::SyncReply reply = m_service.pull(m_principal, cursor, limit);
        return sync::TransportReply{reply.httpStatus, std::move(reply.jsonBody), ""};
    }

private:
    std::optional<sync::TransportReply> intercept() {
        if (m_unreachable > 0) {
            --m_unreachable;
            return sync::TransportReply{0, "", "network unreachable"};
        }
        if (m_forced > 0) {
            --m_forced;
            return sync::TransportReply{m_forcedStatus, "", ""};
        }
        return std::nullopt;
    }

    static std::string decode(std::string_view text) {
        std::string out;
        for (std::size_t i = 0; i < text.size(); ++i) {
            if (text[i] == '%' && i + 2 < text.size()) {
                out +=
                    static_cast<char>(std::stoi(std::string(text.substr(i + 1, 2)), nullptr, 16));
                i += 2;
            } else {
                out += text[i];
            }
        }
        return out;
    }

    sync::SyncService& m_service;
    sync::Principal m_principal;
    int m_unreachable = 0;
    int m_loseAnswers = 0;
    int m_forced = 0;
    int m_forcedStatus = 0;
};

} // namespace td::test
