#pragma once
// The show-if condition tree of a survey question.

#include <cstdint>
#include <string>
#include <variant>
#include <vector>

namespace td::model {

/// A literal a condition compares an answer with: a yes/no, a point or number, a choice id.
using ConditionValue = std::variant<bool, std::int64_t, double, std::string>;

struct Condition {
    enum class Op { Equals, In, Includes, Answered, All, Any, Not };
    Op op = Op::Answered;
    std::string question;            // Equals, In, Includes, Answered
    ConditionValue equals;           // Equals
    std::vector<ConditionValue> in;  // In
    std::string includes;            // Includes: a choice id in a multi answer
    bool answered = true;            // Answered
    std::vector<Condition> children; // All, Any; Not has exactly one
    bool operator==(const Condition&) const = default;
};

} // namespace td::model
