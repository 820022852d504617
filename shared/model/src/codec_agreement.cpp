// The agreement record: codec and the years it covers.

#include "codec_util.hpp"

#include <charconv>

namespace td::model {

using namespace detail;

namespace {

Result<AgreementParty> decodeParty(const bj::value& v, const std::string& path) {
    ObjectReader r(v, path);
    AgreementParty p;
    readEnum(r, "organisation", p.organisation);
    if (const bj::value* name = r.required("name"))
        r.take(json::readString(*name, r.fieldPath("name"), kMaxName, true), p.name);
    return finishWith(r, std::move(p));
}

Result<Signatory> decodeSignatory(const bj::value& v, const std::string& path) {
    ObjectReader r(v, path);
    Signatory s;
    readText(r, "role", s.role);
    readEnum(r, "organisation", s.organisation);
    return finishWith(r, std::move(s));
}

Result<DatePeriod> decodeDatePeriod(const bj::value& v, const std::string& path) {
    ObjectReader r(v, path);
    DatePeriod p;
    readDate(r, "from", p.from);
    readDate(r, "to", p.to);
    return finishWith(r, std::move(p));
}

int yearOf(const std::string& date) {
    int year = 0;
    if (date.size() >= 4)
        std::from_chars(date.data(), date.data() + 4, year);
    return year;
}

} // namespace

YearRange coveredYears(const Agreement& a) {
    return YearRange{yearOf(a.period.from), a.continuesUntilReplaced ? 9999 : yearOf(a.period.to)};
}

bj::value encode(const Agreement& a) {
    return bj::object{
        {"id", a.id},
        {"parties",
         encodeList(
             a.parties,
             [](const AgreementParty& p) {
                 return bj::value{{"organisation", encodeEnum(p.organisation)}, {"name", p.name}};
             })},
        {"signatories", encodeList(a.signatories,
                                   [](const Signatory& s) {
                                       return bj::value{
                                           {"role", encode(s.role)},
                                           {"organisation", encodeEnum(s.organisation)}};
                                   })},
        {"period", bj::object{{"from", a.period.from}, {"to", a.period.to}}},
        {"continues_until_replaced", a.continuesUntilReplaced},
        {"signed", a.signedOn}};
}

template <> Result<Agreement> decode<Agreement>(const bj::value& v, const std::string& path) {
    ObjectReader r(v, path);
    Agreement a;
    readId(r, "id", a.id, IdFormat::Record);
    readList(r, "parties", a.parties, 10, true, decodeParty);
    readList(r, "signatories", a.signatories, 20, true, decodeSignatory);
    if (const bj::value* period = r.required("period"))
        r.take(decodeDatePeriod(*period, r.fieldPath("period")), a.period);
    readBoolOr(r, "continues_until_replaced", a.continuesUntilReplaced);
    readDate(r, "signed", a.signedOn);
    return finishWith(r, std::move(a));
}

} // namespace td::model
