#include "td/model/common.hpp"

namespace td::model {
namespace {

bool isDigit(char c) {
    return c >= '0' && c <= '9';
}
bool isHex(char c) {
    return isDigit(c) || (c >= 'a' && c <= 'f');
}

int digits(std::string_view s, std::size_t pos, std::size_t count) {
    int v = 0;
    for (std::size_t i = pos; i < pos + count; ++i)
        v = v * 10 + (s[i] - '0');
    return v;
}

bool allDigits(std::string_view s, std::size_t pos, std::size_t count) {
    for (std::size_t i = pos; i < pos + count; ++i) {
        if (!isDigit(s[i]))
            return false;
    }
    return true;
}

bool isLeapYear(int y) {
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int daysInMonth(int y, int m) {
    static constexpr int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && isLeapYear(y) ? 29 : days[m - 1];
}

} // namespace

bool isValidId(std::string_view id) {
    if (id.empty() || id.size() > 64)
        return false;
    for (char c : id) {
        if (!(isDigit(c) || (c >= 'a' && c <= 'z') || c == '_'))
            return false;
    }
    return true;
}

bool isValidUuid(std::string_view id) {
    if (id.size() != 36)
        return false;
    for (std::size_t i = 0; i < id.size(); ++i) {
        const bool dash = i == 8 || i == 13 || i == 18 || i == 23;
        if (dash ? id[i] != '-' : !isHex(id[i]))
            return false;
    }
    return true;
}

bool isValidDate(std::string_view d) {
    if (d.size() != 10 || d[4] != '-' || d[7] != '-' || !allDigits(d, 0, 4) ||
        !allDigits(d, 5, 2) || !allDigits(d, 8, 2))
        return false;
    const int y = digits(d, 0, 4);
    const int m = digits(d, 5, 2);
    const int day = digits(d, 8, 2);
    return y >= 1970 && m >= 1 && m <= 12 && day >= 1 && day <= daysInMonth(y, m);
}

bool isValidTimestamp(std::string_view t) {
    if (t.size() < 20 || t.back() != 'Z' || t[10] != 'T' || !isValidDate(t.substr(0, 10)))
        return false;
    if (t[13] != ':' || t[16] != ':' || !allDigits(t, 11, 2) || !allDigits(t, 14, 2) ||
        !allDigits(t, 17, 2))
        return false;
    if (digits(t, 11, 2) > 23 || digits(t, 14, 2) > 59 || digits(t, 17, 2) > 60)
        return false;
    const std::string_view fraction = t.substr(19, t.size() - 20);
    if (fraction.empty())
        return true;
    if (fraction.size() < 2 || fraction.size() > 10 || fraction[0] != '.')
        return false;
    return allDigits(fraction, 1, fraction.size() - 1);
}

} // namespace td::model
