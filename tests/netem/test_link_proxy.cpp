// The link proxy itself over real loopback sockets: delay, rate and cuts, checked by bytes and
// by lower bounds on elapsed time (an upper bound would depend on the machine's load).
#include "link_proxy.hpp"

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/write.hpp>
#include <catch2/catch.hpp>
#include <future>
#include <thread>

using namespace td::test;
using namespace std::chrono_literals;
namespace asio = boost::asio;
using tcp = asio::ip::tcp;
using Clock = std::chrono::steady_clock;

namespace {

// A one-connection TCP server on loopback: `serve` gets the accepted socket on a thread.
class OneShotServer {
public:
    template <class Serve>
    explicit OneShotServer(Serve serve)
        : m_acceptor(m_ioc) {
        tcp::endpoint local(asio::ip::make_address("127.0.0.1"), 0);
        m_acceptor.open(local.protocol());
        m_acceptor.bind(local);
        m_acceptor.listen();
        m_address = "127.0.0.1:" + std::to_string(m_acceptor.local_endpoint().port());
        m_thread = std::thread([this, serve] {
            tcp::socket s(m_ioc);
            boost::system::error_code ec;
            m_acceptor.accept(s, ec);
            if (!ec)
                serve(s);
        });
    }
    ~OneShotServer() { m_thread.join(); }
    const std::string& address() const { return m_address; }

private:
    asio::io_context m_ioc;
    tcp::acceptor m_acceptor;
    std::string m_address;
    std::thread m_thread;
};

tcp::socket connectTo(asio::io_context& ioc, const std::string& address) {
    const auto colon = address.rfind(':');
    tcp::socket s(ioc);
    s.connect(tcp::endpoint(asio::ip::make_address(address.substr(0, colon)),
                            static_cast<unsigned short>(std::stoi(address.substr(colon + 1)))));
    return s;
}

// Reads until EOF or an error; the bytes read.
std::string readToEnd(tcp::socket& s) {
    std::string out;
    std::array<char, 8192> buf{};
    for (;;) {
        boost::system::error_code ec;
        const std::size_t n = s.read_some(asio::buffer(buf), ec);
        out.append(buf.data(), n);
        if (ec)
            return out;
    }
}

std::string pattern(std::size_t n) {
    std::string s(n, '\0');
    for (std::size_t i = 0; i < n; ++i)
        s[i] = static_cast<char>('a' + (i * 7 + i / 26) % 26);
    return s;
}

} // namespace

TEST_CASE("the proxy passes bytes both ways unchanged") {
    const std::string request = pattern(300'000);
    std::promise<std::string> received;
    OneShotServer server([&](tcp::socket& s) {
        std::string got(request.size(), '\0');
        asio::read(s, asio::buffer(got));
        asio::write(s, asio::buffer(got)); // echo
        received.set_value(std::move(got));
    });
    LinkProxy proxy(server.address(), {});
    asio::io_context ioc;
    auto s = connectTo(ioc, proxy.address());
    asio::write(s, asio::buffer(request));
    std::string echoed(request.size(), '\0');
    asio::read(s, asio::buffer(echoed));
    CHECK(received.get_future().get() == request);
    CHECK(echoed == request);
    // The proxy counts a write once it has completed, which may be just after the peer has
    // read it: wait (a bounded while) for the counts to catch up.
    const auto deadline = Clock::now() + 5s;
    while ((proxy.stats().upBytes < request.size() || proxy.stats().downBytes < request.size()) &&
           Clock::now() < deadline)
        std::this_thread::sleep_for(1ms);
    CHECK(proxy.stats().upBytes == request.size());
    CHECK(proxy.stats().downBytes == request.size());
    CHECK(proxy.stats().cuts == 0);
}

TEST_CASE("the proxy adds its one-way delay in each direction") {
    OneShotServer server([](tcp::socket& s) {
        char c = 0;
        asio::read(s, asio::buffer(&c, 1));
        asio::write(s, asio::buffer(&c, 1));
    });
    LinkShape shape;
    shape.oneWayDelay = 150ms;
    LinkProxy proxy(server.address(), shape);
    asio::io_context ioc;
    auto s = connectTo(ioc, proxy.address());
    const auto start = Clock::now();
    char c = 'x';
    asio::write(s, asio::buffer(&c, 1));
    asio::read(s, asio::buffer(&c, 1));
    CHECK(c == 'x');
    CHECK(Clock::now() - start >= 300ms); // one round trip: the delay twice
}

TEST_CASE("the proxy holds each direction to its rate") {
    constexpr std::size_t kRate = 40'000;
    constexpr std::size_t kBytes = 100'000;
    std::promise<Clock::time_point> lastByte;
    OneShotServer server([&](tcp::socket& s) {
        std::string got(kBytes, '\0');
        asio::read(s, asio::buffer(got));
        lastByte.set_value(Clock::now());
        asio::write(s, asio::buffer(got));
    });
    LinkShape shape;
    shape.upBytesPerSecond = kRate;
    shape.downBytesPerSecond = 2 * kRate;
    LinkProxy proxy(server.address(), shape);
    asio::io_context ioc;
    auto s = connectTo(ioc, proxy.address());
    const auto start = Clock::now();
    asio::write(s, asio::buffer(pattern(kBytes)));
    std::string back(kBytes, '\0');
    asio::read(s, asio::buffer(back));
    const auto done = Clock::now();
    const auto up = lastByte.get_future().get() - start;
    // Every byte but the first slice (1/50 s of the rate) waits for its turn.
    const auto slice = 20ms;
    CHECK(up >= std::chrono::duration<double>(double(kBytes) / kRate) - slice);
    CHECK(done - start >=
          std::chrono::duration<double>(double(kBytes) / kRate + double(kBytes) / (2 * kRate)) -
              2 * slice);
    CHECK(back == pattern(kBytes));
}

TEST_CASE("a cut upstream delivers exactly N bytes to the server, then closes both sides") {
    const std::uint64_t n = GENERATE(1, 1000, 16'384, 16'385, 70'001);
    std::promise<std::string> received;
    OneShotServer server([&](tcp::socket& s) { received.set_value(readToEnd(s)); });
    LinkShape shape;
    shape.cutUpAt = n;
    LinkProxy proxy(server.address(), shape);
    asio::io_context ioc;
    auto s = connectTo(ioc, proxy.address());
    const std::string sent = pattern(200'000);
    boost::system::error_code ec;
    asio::write(s, asio::buffer(sent), ec); // may fail once the proxy has closed
    const std::string got = received.get_future().get();
    CHECK(got == sent.substr(0, n));
    CHECK(readToEnd(s).empty()); // the client's side is closed too, with no answer
    CHECK(proxy.stats().cuts == 1);
}

TEST_CASE("a cut downstream delivers exactly N bytes to the client") {
    const std::uint64_t n = GENERATE(1, 5000, 99'999);
    OneShotServer server([](tcp::socket& s) {
        char c = 0;
        asio::read(s, asio::buffer(&c, 1));
        boost::system::error_code ec;
        asio::write(s, asio::buffer(pattern(150'000)), ec);
    });
    LinkShape shape;
    shape.cutDownAt = n;
    LinkProxy proxy(server.address(), shape);
    asio::io_context ioc;
    auto s = connectTo(ioc, proxy.address());
    asio::write(s, asio::buffer("?", 1));
    CHECK(readToEnd(s) == pattern(150'000).substr(0, n));
    CHECK(proxy.stats().cuts == 1);
}

TEST_CASE("with cutEvery the count runs on across connections") {
    // Cuts at byte 1000, 2000, … of everything sent upstream: 2500 bytes on the first
    // connection deliver 1000; the second starts at 1000 and is cut at 2000, and so on.
    std::promise<std::vector<std::size_t>> sizes;
    asio::io_context serverIoc;
    tcp::acceptor acceptor(serverIoc, tcp::endpoint(asio::ip::make_address("127.0.0.1"), 0));
    std::thread serverThread([&] {
        std::vector<std::size_t> got;
        for (int i = 0; i < 3; ++i) {
            tcp::socket s(serverIoc);
            acceptor.accept(s);
            got.push_back(readToEnd(s).size());
        }
        sizes.set_value(got);
    });
    LinkShape shape;
    shape.cutUpAt = 1000;
    shape.cutEvery = true;
    LinkProxy proxy("127.0.0.1:" + std::to_string(acceptor.local_endpoint().port()), shape);
    asio::io_context ioc;
    for (std::size_t bytes : {2500, 300, 3000}) {
        auto s = connectTo(ioc, proxy.address());
        boost::system::error_code ec;
        asio::write(s, asio::buffer(pattern(bytes)), ec);
        s.shutdown(tcp::socket::shutdown_send, ec); // the 300 bytes end without a cut
        (void)readToEnd(s);
    }
    serverThread.join();
    // 1000 (cut at 1000), 300 (1000–1300, no cut), 700 (cut at 2000).
    CHECK(sizes.get_future().get() == std::vector<std::size_t>{1000, 300, 700});
    CHECK(proxy.stats().cuts == 2);
}
