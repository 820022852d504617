#pragma once
// Internal helpers for the validators: an issue collector and common field checks.

#include "td/model/validator.hpp"

#include <string>
#include <string_view>

namespace td::model::detail {

class IssueSink {
public:
    void add(std::string path, std::string_view code, std::string message) {
        m_issues.push_back(Issue{std::move(path), std::string(code), std::move(message)});
    }
    Issues take() { return std::move(m_issues); }
    bool empty() const { return m_issues.empty(); }
    std::size_t size() const { return m_issues.size(); }

    void id(const std::string& path, std::string_view value);
    void uuid(const std::string& path, std::string_view value);
    /// A UUID or a slug id.
    void recordId(const std::string& path, std::string_view value);
    void date(const std::string& path, std::string_view value);
    void timestamp(const std::string& path, std::string_view value);
    /// Non-blank and at most `maxChars` characters.
    void text(const std::string& path, std::string_view value, std::size_t maxChars);
    void localText(const std::string& path, const Text& value);
    void position(const std::string& path, const Position& value);
    /// `ended` not before `started` (both valid timestamps).
    void order(const std::string& path, std::string_view started, std::string_view ended);

private:
    Issues m_issues;
};

/// Negative, zero or positive as timestamp `a` is before, equal to or after `b`.
int compareTimestamps(std::string_view a, std::string_view b);
bool isBlank(std::string_view s);

} // namespace td::model::detail
