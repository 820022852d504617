// HTTP request handling: raw bytes are read as a session reads them off a connection (Beast's
// parser with the server's limits, the framing rules checked once the header is in, then the
// body, chunked or not, and pipelined requests one after another). Each request that passes is
// answered by the real request handler, routing and percent-decoding of path parameters and
// query strings included, over an in-memory store in which the tokens
// "fuzz-coordinator-token" and "fuzz-officer-token" are valid.
#include "../../sync-server/src/http_request.hpp"
#include "fuzz_support.hpp"
#include "td/server/api.hpp"
#include "td/server/auth_crypto.hpp"
#include "td/server/query.hpp"
#include "td/server/routes.hpp"
#include "td/store/server_store.hpp"
#include "td/sync/sync_service.hpp"

#include <boost/asio/buffer.hpp>
#include <boost/beast/http/error.hpp>
#include <memory>

namespace {

using namespace td;
namespace http = boost::beast::http;

constexpr std::int64_t kNow = 1'746'100'000'000;

struct World {
    server::Limits limits;
    std::unique_ptr<store::ServerStore> store;
    std::unique_ptr<sync::SyncService> sync;
    server::Metrics metrics;
    std::unique_ptr<server::RateLimiter> rateLimiter;
    std::unique_ptr<server::Api> api;
};

void addToken(store::ServerStore& s, const std::string& token, store::TokenRecord::Subject kind,
              std::string subject, store::Role role) {
    store::TokenRecord t;
    t.tokenHash = server::hashSecret(token);
    t.subjectKind = kind;
    t.subjectId = std::move(subject);
    t.role = role;
    t.createdAtMs = kNow;
    t.expiresAtMs = kNow + 86'400'000;
    fuzz::require(s.insertToken(t).ok(), "a token is stored");
}

World& world() {
    static World w;
    static const bool ready = [] {
        World& out = w;
        fuzz::require(server::initCrypto().ok(), "libsodium initialises");
        out.limits.maxBodyBytes = 64 * 1024;
        out.limits.maxHeaderBytes = 8 * 1024;
        out.limits.rateLimitPerMinute = 0;
        auto opened = store::ServerStore::open(":memory:");
        fuzz::require(opened.ok(), "an in-memory store opens");
        out.store = std::move(opened).value();
        auto account = out.store->createAccount("fuzz", "$argon2id$not-a-real-hash",
                                                store::Role::Coordinator, kNow);
        fuzz::require(account.ok(), "an account is stored");
        addToken(*out.store, "fuzz-coordinator-token", store::TokenRecord::Subject::Account,
                 std::to_string(account->id), store::Role::Coordinator);
        store::Device device;
        device.id = "fuzz-device";
        device.role = store::Role::Officer;
        device.label = "fuzz";
        device.enrolledAtMs = kNow;
        fuzz::require(out.store->createDevice(device).ok(), "a device is stored");
        addToken(*out.store, "fuzz-officer-token", store::TokenRecord::Subject::Device, device.id,
                 store::Role::Officer);
        sync::SyncServiceOptions so;
        so.groupCommit = {1, 1};
        out.sync = std::make_unique<sync::SyncService>(*out.store, so);
        out.rateLimiter = std::make_unique<server::RateLimiter>(0);
        server::ApiOptions options;
        options.limits = out.limits;
        options.logRequests = false;
        options.nowMs = [] {
            return kNow;
        };
        out.api = std::make_unique<server::Api>(*out.store, *out.sync, out.metrics,
                                                *out.rateLimiter, options);
        return true;
    }();
    (void)ready;
    return w;
}

// Feeds `rest` to the parser until it has what `done` asks for; false when the input ended
// first or the parser refused it (then the session would have answered or closed).
template <class Done> bool feed(server::RequestParser& parser, std::string_view& rest, Done done) {
    while (!done()) {
        boost::system::error_code ec;
        if (rest.empty()) {
            parser.put_eof(ec); // nothing more will come: the connection ends here
            if (!ec)
                return done(); // (never loop on an input that is used up)
        } else {
            const std::size_t used = parser.put(boost::asio::buffer(rest.data(), rest.size()), ec);
            rest.remove_prefix(used);
            if (ec == http::error::need_more || (!ec && used > 0)) {
                if (used == 0)
                    rest = {}; // more is needed than the input holds: it ends here
                continue;
            }
            if (!ec)
                return false; // no progress and no error: the session would wait for more
        }
        if (ec) {
            auto answer = server::readFailureAnswer(ec, world().limits);
            fuzz::require(!answer || (answer->status >= 400 && answer->status < 500),
                          "a refused read is answered with a 4xx");
            return false;
        }
    }
    return true;
}

void answer(server::HttpRequest request) {
    auto lookup = server::matchRoute(request.method, request.path);
    if (lookup.match && lookup.match->route->id == server::RouteId::Login)
        return; // each login hashes a password on purpose: far too slow to fuzz
    (void)server::parseQuery(request.query);
    (void)server::percentDecode(request.path);
    request.clientAddress = server::clientAddressOf("127.0.0.1", request, true);
    server::HttpResponse res = world().api->handle(std::move(request));
    fuzz::require(res.status >= 200 && res.status < 600, "an HTTP status");
    (void)server::drainBody(res);
    bool cacheControl = false;
    for (const auto& [name, value] : res.headers)
        cacheControl = cacheControl || name == "Cache-Control";
    fuzz::require(cacheControl, "every answer says how it may be cached");
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
    (void)world();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const unsigned char* data, std::size_t size) {
    std::string_view rest = fuzz::asText(data, size);
    for (int requests = 0; requests < 4 && !rest.empty(); ++requests) {
        server::RequestParser parser;
        server::configureParser(parser, world().limits);
        parser.eager(false);
        if (!feed(parser, rest, [&] { return parser.is_header_done(); }))
            return 0;
        if (auto refusal = server::framingRefusal(parser.get().base())) {
            fuzz::require(refusal->status == 400 && refusal->closeConnection,
                          "bad framing is a 400 that closes the connection");
            return 0;
        }
        server::HttpRequest request = server::plainHeader(parser.get().base());
        parser.eager(true);
        if (!feed(parser, rest, [&] { return parser.is_done(); }))
            return 0;
        request.body = std::move(parser.get().body());
        const bool keepAlive = parser.get().keep_alive();
        if (auto refused = server::decodeContentEncoding(request, world().limits)) {
            fuzz::require(refused->status == 400 || refused->status == 413 ||
                              refused->status == 415,
                          "a body that cannot be decoded is 400, 413 or 415");
        } else {
            fuzz::require(request.body.size() <= world().limits.maxBodyBytes,
                          "a decoded body stays within the body limit");
            answer(std::move(request));
        }
        if (!keepAlive)
            break;
    }
    return 0;
}
