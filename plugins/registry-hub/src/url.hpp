// The little URL handling a registry client needs: where a request goes (its origin, to decide
// whether credentials may travel with it), where a redirect points, and query encoding. Parsed
// by libcurl's URL API, so a URL means here what it means to the libcurl that requests it.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace mydocker::hub {

struct Url {
  std::string scheme;     // "http" or "https", lowercase
  std::string authority;  // host[:port], the port as written, host lowercased
  std::string target;     // path and query, "/" at least
  std::string origin;     // scheme://host[:port], the scheme's default port left out
};

// Absolute http(s) URLs of the form scheme://host... only (no user information); nullopt for
// anything else.
std::optional<Url> parse_url(std::string_view text);

// `url.origin`: "https://h" and "https://h:443" are the same origin.
std::string origin_of(const Url& url);

// Where a Location header sends us from `base`: absolute, scheme-relative, absolute-path or
// relative-path references. nullopt when the result is not an http(s) URL.
std::optional<std::string> resolve_location(const Url& base, std::string_view location);

// Percent-encodes everything but RFC 3986 unreserved characters (for query values).
std::string percent_encode(std::string_view text);

}  // namespace mydocker::hub
