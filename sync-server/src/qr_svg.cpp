#include "qr_svg.hpp"

#include "td/server/query.hpp"

#include <qrcodegen.hpp>
#include <regex>

namespace td::server {
namespace {

constexpr int kQuietZone = 4;
constexpr std::size_t kMaxOrigin = 200;

bool isOrigin(std::string_view text) {
    static const std::regex origin(
        R"(^https?://([A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\])(:[0-9]{1,5})?$)");
    return text.size() <= kMaxOrigin && std::regex_match(text.begin(), text.end(), origin);
}

} // namespace

std::string qrSvg(std::string_view text) {
    const auto qr =
        qrcodegen::QrCode::encodeText(std::string(text).c_str(), qrcodegen::QrCode::Ecc::MEDIUM);
    const int size = qr.getSize();
    const std::string side = std::to_string(size + 2 * kQuietZone);
    std::string path;
    for (int y = 0; y < size; ++y)
        for (int x = 0; x < size; ++x)
            if (qr.getModule(x, y))
                path += "M" + std::to_string(x + kQuietZone) + "," +
                        std::to_string(y + kQuietZone) + "h1v1h-1z";
    return "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + side + " " + side +
           "\" shape-rendering=\"crispEdges\"><rect width=\"100%\" height=\"100%\" "
           "fill=\"#fff\"/><path fill=\"#000\" d=\"" +
           path + "\"/></svg>";
}

std::string linkOrigin(const RequestContext& ctx) {
    if (auto query = parseQuery(ctx.request.query)) {
        if (auto it = query->find("origin"); it != query->end() && isOrigin(it->second))
            return it->second;
    }
    const std::string host = "http://" + std::string(ctx.request.header("Host"));
    return isOrigin(host) ? host : std::string();
}

} // namespace td::server
