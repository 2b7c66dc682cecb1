#include "url.hpp"

#include <algorithm>
#include <cctype>
#include <climits>
#include <stdexcept>

#include "curl_handle.hpp"
#include "mydocker/errors.hpp"

namespace mydocker::hub {

namespace {

CurlUrl make_curl_url() {
  CurlUrl url(curl_url());
  if (!url) throw Error("cannot create a libcurl URL handle (out of memory?)");
  return url;
}

std::optional<std::string> part_of(CURLU* url, CURLUPart part, unsigned flags = 0) {
  char* raw = nullptr;
  if (curl_url_get(url, part, &raw, flags) != CURLUE_OK) return std::nullopt;
  const CurlString value(raw);
  return std::string(value.get());
}

std::string lowercase(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

// libcurl reads "https:/h" and "https:///h" as https://h; in a setting or a header they are a
// mistake, not a host name.
bool has_authority(std::string_view text, std::string_view scheme) {
  return text.size() > scheme.size() + 3 && text.substr(scheme.size(), 3) == "://" &&
         text[scheme.size() + 3] != '/' && text[scheme.size() + 3] != '\\';
}

// "[fe80::1%25eth0]" keeps its zone: two zones are two origins.
std::string host_of(CURLU* url) {
  std::string host = lowercase(part_of(url, CURLUPART_HOST).value_or(""));
  if (const auto zone = part_of(url, CURLUPART_ZONEID); zone && host.ends_with(']')) {
    host.insert(host.size() - 1, "%25" + *zone);
  }
  return host;
}

std::optional<Url> url_of(CURLU* parsed) {
  Url url;
  url.scheme = part_of(parsed, CURLUPART_SCHEME).value_or("");
  if (url.scheme != "http" && url.scheme != "https") return std::nullopt;
  // User information in a URL would smuggle credentials past our own handling of them.
  if (part_of(parsed, CURLUPART_USER) || part_of(parsed, CURLUPART_PASSWORD) ||
      part_of(parsed, CURLUPART_OPTIONS)) {
    return std::nullopt;
  }
  const std::string host = host_of(parsed);
  if (host.empty()) return std::nullopt;
  const auto port = part_of(parsed, CURLUPART_PORT);
  const auto other_port = part_of(parsed, CURLUPART_PORT, CURLU_NO_DEFAULT_PORT);
  url.authority = port ? host + ":" + *port : host;
  url.origin = url.scheme + "://" + (other_port ? host + ":" + *other_port : host);
  url.target = part_of(parsed, CURLUPART_PATH).value_or("/");
  if (const auto query = part_of(parsed, CURLUPART_QUERY)) url.target += "?" + *query;
  return url;
}

}  // namespace

std::optional<Url> parse_url(std::string_view text) {
  const CurlUrl parsed = make_curl_url();
  // curl_url_set takes a C string: a NUL inside would cut the URL short unseen.
  const std::string copy(text);
  if (copy.find('\0') != std::string::npos) return std::nullopt;
  if (curl_url_set(parsed.get(), CURLUPART_URL, copy.c_str(), 0) != CURLUE_OK) return std::nullopt;
  auto url = url_of(parsed.get());
  if (!url || !has_authority(text, url->scheme)) return std::nullopt;
  return url;
}

std::string origin_of(const Url& url) { return url.origin; }

std::optional<std::string> resolve_location(const Url& base, std::string_view location) {
  const std::string relative(location);
  if (relative.find('\0') != std::string::npos) return std::nullopt;
  const CurlUrl resolved = make_curl_url();
  const std::string base_text = base.scheme + "://" + base.authority + base.target;
  if (curl_url_set(resolved.get(), CURLUPART_URL, base_text.c_str(), 0) != CURLUE_OK) {
    return std::nullopt;
  }
  // With CURLU_GUESS_SCHEME only "scheme:/..." is absolute, so a relative "sha256:abc" (a
  // digest as the last path segment) stays relative, as RFC 3986 resolves it.
  if (curl_url_set(resolved.get(), CURLUPART_URL, relative.c_str(), CURLU_GUESS_SCHEME) !=
      CURLUE_OK) {
    return std::nullopt;
  }
  // Parsed again as a whole: libcurl joins a relative reference without checking it.
  auto text = part_of(resolved.get(), CURLUPART_URL);
  if (!text || !parse_url(*text)) return std::nullopt;
  return text;
}

std::string percent_encode(std::string_view text) {
  // curl_easy_escape reads a length of 0 as "up to the NUL".
  if (text.empty()) return {};
  if (text.size() > INT_MAX) throw std::length_error("percent_encode: input too large");
  const CurlString escaped(curl_easy_escape(nullptr, text.data(), static_cast<int>(text.size())));
  if (!escaped) throw Error("cannot percent-encode (out of memory?)");
  return std::string(escaped.get());
}

}  // namespace mydocker::hub
