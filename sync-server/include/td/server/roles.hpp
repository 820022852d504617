#pragma once
// The five roles of DESIGN.md §5 and sets of them.

#include <cstdint>
#include <optional>
#include <string_view>

namespace td::server {

enum class Role : std::uint8_t { Admin, Coordinator, Officer, Kiosk, Resident };

inline constexpr Role kAllRoles[] = {Role::Admin, Role::Coordinator, Role::Officer, Role::Kiosk,
                                     Role::Resident};

/// Wire name: "admin", "coordinator", "officer", "kiosk", "resident".
std::string_view roleName(Role role);
std::optional<Role> parseRole(std::string_view name);

class RoleSet {
public:
    constexpr RoleSet() = default;
    constexpr RoleSet(std::initializer_list<Role> roles) {
        for (Role r : roles)
            m_bits |= bit(r);
    }
    constexpr bool contains(Role role) const { return (m_bits & bit(role)) != 0; }
    constexpr bool empty() const { return m_bits == 0; }

private:
    static constexpr std::uint8_t bit(Role r) {
        return static_cast<std::uint8_t>(1u << static_cast<unsigned>(r));
    }
    std::uint8_t m_bits = 0;
};

} // namespace td::server
