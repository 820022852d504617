#include "td/server/roles.hpp"

namespace td::server {

std::string_view roleName(Role role) {
    switch (role) {
    case Role::Admin:
        return "admin";
    case Role::Coordinator:
        return "coordinator";
    case Role::Officer:
        return "officer";
    case Role::Kiosk:
        return "kiosk";
    case Role::Resident:
        return "resident";
    }
    return "unknown";
}

std::optional<Role> parseRole(std::string_view name) {
    for (Role r : kAllRoles)
        if (roleName(r) == name)
            return r;
    return std::nullopt;
}

} // namespace td::server
