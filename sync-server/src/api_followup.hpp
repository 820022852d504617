#pragma once
// Internal: the yearly follow-up of the citizen promises (docs/promises.md), computed from the
// store's records. Shared by the coordinator's follow-up endpoints and the public page.

#include "api_context.hpp"
#include "td/model/agreement.hpp"
#include "td/model/promise.hpp"
#include "td/picture/followup.hpp"

#include <boost/json/object.hpp>
#include <memory>
#include <optional>
#include <vector>

namespace td::server {

/// Everything a follow-up is computed from, decoded once per change-log state.
struct FollowUpData {
    std::shared_ptr<const picture::PictureData> picture; ///< shared with the picture cache
    std::optional<model::Agreement> agreement;
    std::vector<model::Promise> promises; ///< ordered by id
    std::vector<model::Measure> measures;
};

/// The follow-up data of `store`, rebuilt only when its change log has moved.
Result<std::shared_ptr<const FollowUpData>> cachedFollowUpData(store::ServerStore& store);

/// The agreement in force: of the stored agreements the one signed last (ties: greatest id).
Result<std::optional<model::Agreement>> currentAgreement(store::ServerStore& store);

/// The year a follow-up is made for when none is asked for: the newest year with a survey
/// campaign or a safety walk, kept inside the agreement's years; the current year without data.
std::int64_t defaultFollowUpYear(const FollowUpData& data, std::int64_t nowMs);

/// The `year` query parameter or the default; 400 answers for a malformed year or one outside
/// the agreement's years (incl. its continuation).
Result<std::int64_t> followUpYear(const RequestContext& ctx, const FollowUpData& data);

/// Whether a promise is followed up in `year`: its period contains the year, or the period has
/// ended and the agreement continues until replaced.
bool promiseActiveIn(const model::Promise& promise, const FollowUpData& data, std::int64_t year);

/// A figure as the API writes it (docs/promises.md), or null when absent.
boost::json::value figureJson(const std::optional<picture::FollowUpFigure>& figure);

/// Each promise active in `year` with its indicators followed up for the year; the survey-share
/// tests of all of them are adjusted together (Benjamini–Hochberg).
using PromiseFollowUps =
    std::vector<std::pair<const model::Promise*, std::vector<picture::IndicatorFollowUp>>>;
PromiseFollowUps followUpAll(const FollowUpData& data, std::int64_t year);

/// The position of the newest change in the store's log, to key caches on.
struct LogHead {
    std::int64_t seq = 0;
    std::string kind;
    std::string id;
    std::int64_t rev = 0;
    bool operator==(const LogHead&) const = default;
};
/// True when `head` is still the newest change of `store` (and the same record version).
Result<bool> stillHead(store::ServerStore& store, const LogHead& head);
/// Reads the head, scanning forward from `from` (use a known earlier head to read little).
Result<LogHead> readHead(store::ServerStore& store, LogHead from = {});

// Endpoints of the agreement, the promises and the assessments (api_promises.cpp).
HttpResponse getAgreement(RequestContext& ctx);
HttpResponse putAgreement(RequestContext& ctx);
HttpResponse listPromises(RequestContext& ctx);
HttpResponse createPromise(RequestContext& ctx);
HttpResponse getPromise(RequestContext& ctx);
HttpResponse updatePromise(RequestContext& ctx);
/// PUT /api/v1/promises/{id}/assessments/{year}: body {"text"}, stored server-only.
HttpResponse putAssessment(RequestContext& ctx);
/// GET /api/v1/public: no token (api_public.cpp).
HttpResponse getPublic(RequestContext& ctx);

/// GET /api/v1/follow-up?year= (staff).
HttpResponse getFollowUp(RequestContext& ctx);
/// GET /api/v1/export/follow-up.csv?year= (staff).
HttpResponse exportFollowUpCsv(RequestContext& ctx);

} // namespace td::server
