// Endpoints for login, enrolment codes and devices.
#include "api_context.hpp"
#include "qr_svg.hpp"
#include "td/core/json.hpp"
#include "td/model/codec.hpp"
#include "td/server/auth_crypto.hpp"

#include <algorithm>
#include <boost/json/serialize.hpp>

namespace td::server {
namespace {

constexpr std::int64_t kMaxCodeLifetimeS = 30 * 86400;

// A token for `subjectId`, inserted into the store; returns the clear token.
struct IssuedToken {
    std::string token;
    store::TokenRecord record;
};

IssuedToken newToken(const RequestContext& ctx, store::TokenRecord::Subject kind,
                     std::string subjectId, store::Role role,
                     std::optional<std::string> campaignId) {
    IssuedToken t;
    t.token = generateToken();
    t.record.tokenHash = hashSecret(t.token);
    t.record.subjectKind = kind;
    t.record.subjectId = std::move(subjectId);
    t.record.role = role;
    t.record.campaignId = std::move(campaignId);
    t.record.createdAtMs = ctx.nowMs;
    t.record.expiresAtMs = ctx.nowMs + std::chrono::duration_cast<std::chrono::milliseconds>(
                                           ctx.options.limits.tokenLifetime)
                                           .count();
    return t;
}

boost::json::object tokenJson(const IssuedToken& t) {
    boost::json::object o;
    o["token"] = t.token;
    o["token_type"] = "Bearer";
    o["role"] = store::toString(t.record.role);
    o["expires_at"] = isoTime(t.record.expiresAtMs);
    return o;
}

HttpResponse badBody(const Error& e) {
    return errorResponse(400, e.code, e.describe());
}

// The answer to an attempt from a locked client address or account: refused before the
// password or code is looked at, so a right guess in the locked window tells nothing.
HttpResponse tooManyAttempts(RequestContext& ctx, std::chrono::seconds retryAfter) {
    ctx.metrics.authAttemptRefused();
    const std::string seconds = std::to_string(std::max<long>(1, retryAfter.count()));
    auto res = errorResponse(429, "too_many_attempts",
                             "too many failed attempts; try again in " + seconds + " seconds");
    res.headers.emplace_back("Retry-After", seconds);
    return res;
}

// One sign-in or enrolment attempt, counted as failed from its start (so parallel guesses
// cannot all pass one check) and taken back on destruction unless it did fail.
class Attempt {
public:
    Attempt(RequestContext& ctx, std::string_view account)
        : m_ctx(ctx)
        , m_account(account)
        , m_decision(ctx.authFailures.beginAttempt(ctx.request.clientAddress, account, ctx.nowMs)) {
    }
    Attempt(const Attempt&) = delete;
    Attempt& operator=(const Attempt&) = delete;
    ~Attempt() {
        if (m_decision.allowed && !m_failed)
            m_ctx.authFailures.forgetAttempt(m_ctx.request.clientAddress, m_account, m_ctx.nowMs);
    }

    /// False when the address or account is locked: answer refusal() without checking.
    bool allowed() const { return m_decision.allowed; }
    HttpResponse refusal() const { return tooManyAttempts(m_ctx, m_decision.retryAfter); }
    /// The guess was wrong: it stays counted.
    void failed() { m_failed = true; }

private:
    RequestContext& m_ctx;
    std::string_view m_account;
    AuthFailureLimiter::Decision m_decision;
    bool m_failed = false;
};

// A hash that makes a login for an unknown user cost as much as one for a known user.
const std::string& dummyPasswordHash() {
    static const std::string hash = [] {
        auto h = hashPassword("td-no-such-user");
        return h ? *h : std::string();
    }();
    return hash;
}

} // namespace

HttpResponse login(RequestContext& ctx) {
    auto body = parseJsonBody(ctx);
    if (!body)
        return badBody(body.error());
    json::ObjectReader r(*body, "");
    std::string username, password;
    if (auto* v = r.required("username"))
        r.take(json::readString(*v, "username", 128, true), username);
    if (auto* v = r.required("password"))
        r.take(json::readString(*v, "password", 1024, true), password);
    if (auto s = r.finish(); !s)
        return badBody(s.error());
    // Unknown account names are counted and locked like real ones, so neither the answer nor
    // the lock tells whether an account exists.
    Attempt attempt(ctx, username);
    if (!attempt.allowed())
        return attempt.refusal();
    auto account = ctx.store.findAccount(username);
    if (!account)
        return fail(account.error());
    bool ok = false;
    if (*account && !(*account)->disabled)
        ok = verifyPassword((*account)->passwordHash, password);
    else
        (void)verifyPassword(dummyPasswordHash(), password);
    if (!ok) {
        attempt.failed();
        return errorResponse(401, "invalid_credentials", "wrong username or password");
    }
    ctx.authFailures.clearAccount(username);
    const store::Account& a = **account;
    auto t = newToken(ctx, store::TokenRecord::Subject::Account, std::to_string(a.id), a.role,
                      std::nullopt);
    if (auto s = ctx.store.insertToken(t.record); !s)
        return fail(s.error());
    ctx.audit.actor =
        auditActor("account", std::to_string(a.id), a.username, store::toString(a.role));
    auto o = tokenJson(t);
    o["username"] = a.username;
    return jsonResponse(200, boost::json::serialize(o));
}

HttpResponse createEnrolmentCode(RequestContext& ctx) {
    auto body = parseJsonBody(ctx);
    if (!body)
        return badBody(body.error());
    json::ObjectReader r(*body, "");
    std::size_t roleIndex = 0;
    std::int64_t expiresIn = 86400;
    if (auto* v = r.required("role"))
        r.take(json::readOneOf(*v, "role", {"officer", "kiosk"}), roleIndex);
    if (auto* v = r.optional("expires_in_seconds"))
        r.take(json::readInt(*v, "expires_in_seconds", 60, kMaxCodeLifetimeS), expiresIn);
    if (auto s = r.finish(); !s)
        return badBody(s.error());
    store::EnrolmentCode code;
    std::string clear = generateEnrolmentCode();
    code.codeHash = hashEnrolmentCode(*ctx.options.codeKey, clear);
    code.role = roleIndex == 0 ? store::Role::Officer : store::Role::Kiosk;
    code.createdAtMs = ctx.nowMs;
    code.expiresAtMs = ctx.nowMs + expiresIn * 1000;
    code.createdBy = ctx.caller->token.subjectId;
    if (auto s = ctx.store.createEnrolmentCode(code); !s)
        return fail(s.error());
    boost::json::object o;
    o["code"] = clear;
    o["role"] = store::toString(code.role);
    o["expires_at"] = isoTime(code.expiresAtMs);
    // The enrolment link carries the server's address and the code; the code sits in the
    // fragment, which browsers never send, so it stays out of every request log.
    if (const std::string origin = linkOrigin(ctx); !origin.empty()) {
        const std::string link = origin + "/enrol#code=" + clear;
        o["link"] = link;
        o["qr_svg"] = qrSvg(link);
    }
    ctx.audit.detail["role"] = store::toString(code.role);
    ctx.audit.detail["expires_at"] = isoTime(code.expiresAtMs);
    return jsonResponse(201, boost::json::serialize(o));
}

HttpResponse enrolDevice(RequestContext& ctx) {
    auto body = parseJsonBody(ctx);
    if (!body)
        return badBody(body.error());
    json::ObjectReader r(*body, "");
    std::string typed, label;
    if (auto* v = r.required("code"))
        r.take(json::readString(*v, "code", 64, true), typed);
    if (auto* v = r.optional("label"))
        r.take(json::readString(*v, "label", 100), label);
    if (auto s = r.finish(); !s)
        return badBody(s.error());
    Attempt attempt(ctx, {});
    if (!attempt.allowed())
        return attempt.refusal();
    auto wrongCode = [&] {
        attempt.failed();
        return errorResponse(404, "invalid_code", "no such enrolment or campaign code");
    };

    // A one-time enrolment code for an officer's or kiosk device.
    store::Device device;
    device.id = randomId();
    device.label = label;
    device.enrolledAtMs = ctx.nowMs;
    auto t = newToken(ctx, store::TokenRecord::Subject::Device, device.id, store::Role::Officer,
                      std::nullopt);
    auto enrolled = ctx.store.enrolWithCode(hashEnrolmentCode(*ctx.options.codeKey, typed),
                                            ctx.nowMs, device, t.record);
    if (enrolled) {
        t.record.role = enrolled->role;
        ctx.audit.actor =
            auditActor("device", device.id, device.label, store::toString(enrolled->role));
        ctx.audit.target = device.id;
        auto o = tokenJson(t);
        o["device_id"] = device.id;
        return jsonResponse(201, boost::json::serialize(o));
    }
    const Error& e = enrolled.error();
    if (e.code == "code_expired")
        return errorResponse(400, "code_expired", "the enrolment code has expired");
    if (e.code == "code_used")
        return errorResponse(409, "code_used", "the enrolment code has already been used");
    if (e.code != "invalid_code")
        return fail(e);

    // A campaign's public code: an anonymous resident token for that campaign only. No
    // device row is kept, so nothing links the resident's responses to a device.
    auto campaignId = ctx.store.findCampaignByCode(typed);
    if (!campaignId)
        return fail(campaignId.error());
    if (!*campaignId)
        return wrongCode();
    auto campaign = ctx.store.getRecord("campaign", **campaignId);
    if (!campaign)
        return fail(campaign.error());
    if (!*campaign)
        return wrongCode();
    auto decoded = model::fromJsonText<model::Campaign>((*campaign)->body);
    if (!decoded)
        return fail(makeError("internal_error", "stored campaign is unreadable"));
    if (decoded->status != model::CampaignStatus::Open)
        return errorResponse(409, "campaign_closed",
                             decoded->status == model::CampaignStatus::Closing
                                 ? "the campaign is closing: no new residents start"
                                 : "the campaign is closed");
    // Resident tokens per client address and hour (docs/web-survey.md): the address is a
    // key in memory only, never stored.
    const RateLimiter::Clock::time_point now{std::chrono::milliseconds(ctx.nowMs)};
    if (auto d = ctx.residentEnrolments.take(addressKey(ctx.request.clientAddress), now);
        !d.allowed) {
        ctx.metrics.residentEnrolmentRefused();
        const std::string seconds = std::to_string(std::max<long>(1, d.retryAfter.count()));
        auto res = errorResponse(429, "too_many_enrolments",
                                 "too many surveys started from this network; try again in " +
                                     seconds + " seconds");
        res.headers.emplace_back("Retry-After", seconds);
        return res;
    }
    ctx.audit.skip = true; // residents are anonymous: nothing of theirs goes into the log
    auto resident = newToken(ctx, store::TokenRecord::Subject::Device, "resident:" + randomId(),
                             store::Role::Resident, **campaignId);
    if (auto s = ctx.store.insertToken(resident.record); !s)
        return fail(s.error());
    auto o = tokenJson(resident);
    o["campaign_id"] = **campaignId;
    return jsonResponse(201, boost::json::serialize(o));
}

HttpResponse listDevices(RequestContext& ctx) {
    auto devices = ctx.store.listDevices(false);
    if (!devices)
        return fail(devices.error());
    auto statuses = ctx.store.deviceStatuses();
    if (!statuses)
        return fail(statuses.error());
    boost::json::array arr;
    for (const auto& d : *devices) {
        boost::json::object o;
        o["id"] = d.id;
        o["role"] = store::toString(d.role);
        o["label"] = d.label;
        o["enrolled_at"] = isoTime(d.enrolledAtMs);
        if (d.revokedAtMs)
            o["revoked_at"] = isoTime(*d.revokedAtMs);
        else
            o["revoked_at"] = nullptr;
        o["last_sync_at"] = nullptr;
        o["pending"] = nullptr;
        o["app_version"] = nullptr;
        o["reported_at"] = nullptr;
        if (auto it = statuses->find(d.id); it != statuses->end()) {
            const store::DeviceStatus& st = it->second;
            o["last_sync_at"] = isoTime(st.lastSyncAtMs);
            if (st.pending)
                o["pending"] = *st.pending;
            if (st.appVersion)
                o["app_version"] = *st.appVersion;
            if (st.reportedAtMs)
                o["reported_at"] = isoTime(*st.reportedAtMs);
        }
        arr.push_back(std::move(o));
    }
    boost::json::object root;
    root["devices"] = std::move(arr);
    return jsonResponse(200, boost::json::serialize(root));
}

HttpResponse revokeDevice(RequestContext& ctx) {
    const std::string& id = ctx.param("id");
    auto s = ctx.store.revokeDevice(id, ctx.nowMs);
    if (!s) {
        if (s.error().code == "not_found")
            return errorResponse(404, "not_found", "no such device");
        return fail(s.error());
    }
    boost::json::object o;
    o["id"] = id;
    o["revoked_at"] = isoTime(ctx.nowMs);
    return jsonResponse(200, boost::json::serialize(o));
}

} // namespace td::server
