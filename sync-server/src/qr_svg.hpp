#pragma once
// QR codes as SVG (Debian's libqrcodegencpp), and the links they carry.

#include "api_context.hpp"

#include <string>
#include <string_view>

namespace td::server {

/// An SVG image of a QR code (error correction level M, a four-module quiet zone) holding
/// `text`; black modules on white, scaled by its viewBox. Throws when `text` is too long.
std::string qrSvg(std::string_view text);

/// The scheme, host and port that links for people outside should use: the request's
/// `origin` query parameter (the address the coordinator's browser uses) when it is a plain
/// http(s) origin, otherwise http:// and the request's Host. Empty when neither is usable.
std::string linkOrigin(const RequestContext& ctx);

} // namespace td::server
