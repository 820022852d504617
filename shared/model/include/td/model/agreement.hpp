#pragma once
// Samverkansöverenskommelse: the agreement between police and municipality under which the
// citizen promises are made (record kind `agreement`, wire format in docs/promises.md).

#include "td/model/common.hpp"

#include <string>
#include <vector>

namespace td::model {

struct AgreementParty {
    Organisation organisation = Organisation::Polis;
    std::string name; ///< e.g. "Polismyndigheten"
    bool operator==(const AgreementParty&) const = default;
};

/// Who signs, by role (never by name): e.g. {"Kommunstyrelsens ordförande", …}, kommun.
struct Signatory {
    Text role;
    Organisation organisation = Organisation::Kommun;
    bool operator==(const Signatory&) const = default;
};

/// Calendar dates `YYYY-MM-DD`, both inclusive.
struct DatePeriod {
    std::string from;
    std::string to;
    bool operator==(const DatePeriod&) const = default;
};

struct Agreement {
    std::string id; ///< UUIDv7 or slug id
    std::vector<AgreementParty> parties;
    std::vector<Signatory> signatories;
    DatePeriod period;
    bool continuesUntilReplaced = false; ///< in force after `period.to` until a new one is signed
    std::string signedOn;                ///< wire: "signed", YYYY-MM-DD
    bool operator==(const Agreement&) const = default;
};

/// The calendar years the agreement covers, from period.from's year to period.to's year, or
/// open-ended (`toYear` = 9999) when it continues until replaced.
struct YearRange {
    int fromYear = 0;
    int toYear = 0;
    bool contains(int year) const { return year >= fromYear && year <= toYear; }
};
YearRange coveredYears(const Agreement& agreement);

} // namespace td::model
