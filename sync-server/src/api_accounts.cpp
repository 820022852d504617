// Accounts: the admin-only routes that create, disable, enable and reset coordinator accounts
// and end their sessions, and every staff member's own routes — who am I, change my password,
// sign out everywhere. Each act is audited by its route (routes.cpp).
#include "api_context.hpp"
#include "td/core/json.hpp"
#include "td/server/auth_crypto.hpp"

#include <boost/json/serialize.hpp>
#include <charconv>

namespace td::server {
namespace {

constexpr std::size_t kMinPasswordChars = 12;
constexpr std::size_t kMaxPasswordBytes = 1024;
constexpr std::size_t kMaxUsernameBytes = 128;

HttpResponse badBody(const Error& e) {
    return errorResponse(400, e.code, e.describe());
}

std::size_t characters(std::string_view utf8) {
    std::size_t n = 0;
    for (unsigned char c : utf8)
        n += (c & 0xC0) != 0x80;
    return n;
}

// 422 weak_password unless `password` has at least 12 characters.
std::optional<HttpResponse> refuseWeak(std::string_view password) {
    if (characters(password) < kMinPasswordChars)
        return errorResponse(422, "weak_password",
                             "a password needs at least " + std::to_string(kMinPasswordChars) +
                                 " characters");
    return std::nullopt;
}

// A password to hand over once: four groups of four from the enrolment codes' unambiguous
// alphabet (about 79 bits).
std::string temporaryPassword() {
    return generateEnrolmentCode() + "-" + generateEnrolmentCode();
}

boost::json::object accountJson(const store::Account& a, std::int64_t sessions) {
    return {{"id", a.id},
            {"username", a.username},
            {"role", store::toString(a.role)},
            {"created_at", isoTime(a.createdAtMs)},
            {"disabled", a.disabled},
            {"sessions", sessions}};
}

std::int64_t sessionsOf(const std::map<std::int64_t, std::int64_t>& live, std::int64_t id) {
    auto it = live.find(id);
    return it == live.end() ? 0 : it->second;
}

// The coordinator account named by the path's id; admins' accounts are not managed here.
Result<store::Account> coordinatorOf(RequestContext& ctx) {
    std::int64_t id = 0;
    const std::string& text = ctx.param("id");
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
    if (ec != std::errc{} || end != text.data() + text.size())
        return makeError("not_found", "no account " + text);
    auto account = ctx.store.findAccountById(id);
    if (!account)
        return account.error();
    if (!*account)
        return makeError("not_found", "no account " + text);
    if ((*account)->role != store::Role::Coordinator)
        return makeError("not_a_coordinator",
                         "only coordinator accounts are managed here; admins use the command line");
    ctx.audit.target = (*account)->username;
    return std::move(**account);
}

HttpResponse accountFailure(const Error& e) {
    if (e.code == "not_found")
        return errorResponse(404, e.code, e.message);
    if (e.code == "not_a_coordinator")
        return errorResponse(409, e.code, e.message);
    return fail(e);
}

// The caller's own account (staff tokens belong to accounts).
Result<store::Account> ownAccount(RequestContext& ctx) {
    const store::TokenRecord& token = ctx.caller->token;
    if (token.subjectKind != store::TokenRecord::Subject::Account)
        return makeError("not_found", "this token belongs to no account");
    auto account = ctx.store.findAccountById(std::stoll(token.subjectId));
    if (!account)
        return account.error();
    if (!*account)
        return makeError("not_found", "the account is gone");
    return std::move(**account);
}

HttpResponse answerAccount(RequestContext& ctx, const store::Account& a, int status,
                           std::optional<std::string> password = std::nullopt) {
    auto live = ctx.store.liveAccountSessions(ctx.nowMs);
    if (!live)
        return fail(live.error());
    auto o = accountJson(a, sessionsOf(*live, a.id));
    if (password)
        o["password"] = *password;
    return jsonResponse(status, boost::json::serialize(o));
}

HttpResponse setDisabled(RequestContext& ctx, bool disabled) {
    auto a = coordinatorOf(ctx);
    if (!a)
        return accountFailure(a.error());
    if (auto s = ctx.store.setAccountDisabled(a->username, disabled); !s)
        return fail(s.error());
    if (disabled)
        if (auto ended = ctx.store.endAccountSessions(a->id, ctx.nowMs); !ended)
            return fail(ended.error());
    a->disabled = disabled;
    return answerAccount(ctx, *a, 200);
}

} // namespace

HttpResponse listAccounts(RequestContext& ctx) {
    auto accounts = ctx.store.listAccounts();
    if (!accounts)
        return fail(accounts.error());
    auto live = ctx.store.liveAccountSessions(ctx.nowMs);
    if (!live)
        return fail(live.error());
    boost::json::array out;
    for (const auto& a : *accounts)
        out.push_back(accountJson(a, sessionsOf(*live, a.id)));
    return jsonResponse(200, boost::json::serialize(boost::json::object{{"accounts", out}}));
}

HttpResponse createAccount(RequestContext& ctx) {
    auto body = parseJsonBody(ctx);
    if (!body)
        return badBody(body.error());
    json::ObjectReader r(*body, "");
    std::string username;
    if (auto* v = r.required("username"))
        r.take(json::readString(*v, "username", kMaxUsernameBytes, true), username);
    if (auto s = r.finish(); !s)
        return badBody(s.error());
    for (unsigned char c : username)
        if (c <= ' ' || c == 0x7F)
            return errorResponse(422, "invalid_username",
                                 "a username has no spaces or control characters");
    const std::string password = temporaryPassword();
    auto hash = hashPassword(password);
    if (!hash)
        return fail(hash.error());
    ctx.audit.target = username;
    auto created = ctx.store.createAccount(username, *hash, store::Role::Coordinator, ctx.nowMs);
    if (!created) {
        if (created.error().code == "username_taken")
            return errorResponse(409, "username_taken", "there is an account " + username);
        return fail(created.error());
    }
    return answerAccount(ctx, *created, 201, password);
}

HttpResponse disableAccount(RequestContext& ctx) {
    return setDisabled(ctx, true);
}

HttpResponse enableAccount(RequestContext& ctx) {
    return setDisabled(ctx, false);
}

HttpResponse resetAccountPassword(RequestContext& ctx) {
    auto a = coordinatorOf(ctx);
    if (!a)
        return accountFailure(a.error());
    const std::string password = temporaryPassword();
    auto hash = hashPassword(password);
    if (!hash)
        return fail(hash.error());
    if (auto s = ctx.store.setAccountPassword(a->username, *hash); !s)
        return fail(s.error());
    if (auto ended = ctx.store.endAccountSessions(a->id, ctx.nowMs); !ended)
        return fail(ended.error());
    return answerAccount(ctx, *a, 200, password);
}

HttpResponse signOutAccount(RequestContext& ctx) {
    auto a = coordinatorOf(ctx);
    if (!a)
        return accountFailure(a.error());
    auto ended = ctx.store.endAccountSessions(a->id, ctx.nowMs);
    if (!ended)
        return fail(ended.error());
    ctx.audit.detail["sessions_ended"] = *ended;
    return answerAccount(ctx, *a, 200);
}

HttpResponse getOwnAccount(RequestContext& ctx) {
    auto a = ownAccount(ctx);
    if (!a)
        return accountFailure(a.error());
    return answerAccount(ctx, *a, 200);
}

HttpResponse changeOwnPassword(RequestContext& ctx) {
    auto body = parseJsonBody(ctx);
    if (!body)
        return badBody(body.error());
    json::ObjectReader r(*body, "");
    std::string current, next;
    if (auto* v = r.required("current_password"))
        r.take(json::readString(*v, "current_password", kMaxPasswordBytes, true), current);
    if (auto* v = r.required("new_password"))
        r.take(json::readString(*v, "new_password", kMaxPasswordBytes, true), next);
    if (auto s = r.finish(); !s)
        return badBody(s.error());
    auto a = ownAccount(ctx);
    if (!a)
        return accountFailure(a.error());
    ctx.audit.target = a->username;
    // 422, not 401: a wrong current password must not look like an ended session.
    if (!verifyPassword(a->passwordHash, current))
        return errorResponse(422, "wrong_password", "the current password is wrong");
    if (auto weak = refuseWeak(next))
        return std::move(*weak);
    if (next == current)
        return errorResponse(422, "same_password", "the new password is the current one");
    auto hash = hashPassword(next);
    if (!hash)
        return fail(hash.error());
    if (auto s = ctx.store.setAccountPassword(a->username, *hash); !s)
        return fail(s.error());
    // Other sessions end with the old password; this one stays signed in.
    auto ended = ctx.store.endAccountSessions(a->id, ctx.nowMs, ctx.caller->token.tokenHash);
    if (!ended)
        return fail(ended.error());
    ctx.audit.detail["sessions_ended"] = *ended;
    return answerAccount(ctx, *a, 200);
}

HttpResponse signOutEverywhere(RequestContext& ctx) {
    auto a = ownAccount(ctx);
    if (!a)
        return accountFailure(a.error());
    ctx.audit.target = a->username;
    auto ended = ctx.store.endAccountSessions(a->id, ctx.nowMs);
    if (!ended)
        return fail(ended.error());
    ctx.audit.detail["sessions_ended"] = *ended;
    return jsonResponse(200,
                        boost::json::serialize(boost::json::object{{"sessions_ended", *ended}}));
}

} // namespace td::server
