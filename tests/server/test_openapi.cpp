// The OpenAPI document and the router must describe the same API.
#include "td/server/api.hpp"
#include "td/server/routes.hpp"

#include <algorithm>
#include <boost/json/parse.hpp>
#include <catch2/catch.hpp>
#include <cctype>
#include <set>

using namespace td::server;

namespace {

std::string lower(std::string_view s) {
    std::string out(s);
    std::transform(out.begin(), out.end(), out.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return out;
}

} // namespace

TEST_CASE("every served route is documented and every documented operation is served") {
    auto doc = boost::json::parse(openApiDocument());
    const auto& paths = doc.at("paths").as_object();
    std::set<std::pair<std::string, std::string>> documented;
    for (const auto& [path, item] : paths)
        for (const auto& [method, op] : item.as_object())
            documented.emplace(lower(method), std::string(path));
    std::set<std::pair<std::string, std::string>> served;
    for (const auto& r : routeTable())
        served.emplace(lower(r.method), std::string(r.pathTemplate));
    CHECK(documented == served);
}

TEST_CASE("the documented roles of each operation are the role table's") {
    auto doc = boost::json::parse(openApiDocument());
    for (const auto& r : routeTable()) {
        const auto& op = doc.at("paths").at(r.pathTemplate).at(lower(r.method)).as_object();
        std::set<std::string> documented;
        for (const auto& role : op.at("x-roles").as_array())
            documented.insert(std::string(role.as_string()));
        std::set<std::string> table;
        for (Role role : kAllRoles)
            if (r.roles.contains(role))
                table.insert(std::string(roleName(role)));
        INFO(r.method << " " << r.pathTemplate);
        CHECK(documented == table);
        CHECK(op.at("security").as_array().empty() == r.isPublic);
    }
}
