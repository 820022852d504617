// Validator for the agreement between police and municipality.

#include "issues.hpp"
#include "td/core/json.hpp"

#include <algorithm>

namespace td::model {

using detail::IssueSink;

Issues validateAgreement(const Agreement& a) {
    IssueSink sink;
    sink.recordId("id", a.id);
    if (a.parties.size() < 2)
        sink.add("parties", "too_few_parties", "an agreement has at least two parties");
    for (std::size_t i = 0; i < a.parties.size(); ++i)
        sink.text(json::childPath(json::indexPath("parties", i), "name"), a.parties[i].name, 200);
    if (a.signatories.empty())
        sink.add("signatories", "too_few_signatories", "name at least one signatory's role");
    for (std::size_t i = 0; i < a.signatories.size(); ++i) {
        const std::string path = json::indexPath("signatories", i);
        sink.localText(json::childPath(path, "role"), a.signatories[i].role);
        const bool isParty = std::any_of(a.parties.begin(), a.parties.end(), [&](const auto& p) {
            return p.organisation == a.signatories[i].organisation;
        });
        if (!isParty)
            sink.add(json::childPath(path, "organisation"), "not_a_party",
                     "a signatory signs for one of the parties");
    }
    sink.date("period.from", a.period.from);
    sink.date("period.to", a.period.to);
    if (isValidDate(a.period.from) && isValidDate(a.period.to) && a.period.to < a.period.from)
        sink.add("period.to", "period_reversed", "the period ends before it starts");
    sink.date("signed", a.signedOn);
    if (isValidDate(a.signedOn) && isValidDate(a.period.to) && a.signedOn > a.period.to)
        sink.add("signed", "signed_after_period", "the agreement is signed after its period");
    return sink.take();
}

} // namespace td::model
