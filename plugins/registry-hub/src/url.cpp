#include "url.hpp"

#include <cctype>

#include "host_rules.hpp"

namespace mydocker::hub {

std::optional<Url> parse_url(std::string_view text) {
  const auto sep = text.find("://");
  if (sep == std::string_view::npos) return std::nullopt;
  Url url;
  for (char c : text.substr(0, sep)) {
    url.scheme += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  if (url.scheme != "http" && url.scheme != "https") return std::nullopt;
  const auto rest = text.substr(sep + 3);
  const auto slash = rest.find_first_of("/?#");
  const auto authority = rest.substr(0, slash);
  // Userinfo in a URL would smuggle credentials past our own handling of them.
  if (authority.empty() || authority.find('@') != std::string_view::npos) return std::nullopt;
  for (char c : authority) {
    if (std::isspace(static_cast<unsigned char>(c))) return std::nullopt;
  }
  url.authority = std::string(authority);
  const auto colon = url.authority.rfind(':');
  const auto bracket = url.authority.rfind(']');
  const auto host_end =
      (colon != std::string::npos && (bracket == std::string::npos || colon > bracket))
          ? colon
          : url.authority.size();
  for (std::size_t i = 0; i < host_end; ++i) {
    url.authority[i] =
        static_cast<char>(std::tolower(static_cast<unsigned char>(url.authority[i])));
  }
  url.target = slash == std::string_view::npos ? "/" : std::string(rest.substr(slash));
  if (url.target.front() != '/') url.target.insert(0, "/");
  if (const auto hash = url.target.find('#'); hash != std::string::npos) url.target.resize(hash);
  return url;
}

std::string origin_of(const Url& url) {
  const HostPort hp = split_host_port(url.authority);
  const bool default_port = hp.port.empty() || (url.scheme == "https" && hp.port == "443") ||
                            (url.scheme == "http" && hp.port == "80");
  const std::string host = hp.host.find(':') != std::string::npos ? "[" + hp.host + "]" : hp.host;
  return url.scheme + "://" + host + (default_port ? "" : ":" + hp.port);
}

std::optional<std::string> resolve_location(const Url& base, std::string_view location) {
  if (location.find("://") != std::string_view::npos) {
    if (!parse_url(location)) return std::nullopt;
    return std::string(location);
  }
  if (location.starts_with("//"))
    return resolve_location(base, base.scheme + ":" + std::string(location));
  const std::string prefix = base.scheme + "://" + base.authority;
  if (location.starts_with('/')) return prefix + std::string(location);
  std::string dir = base.target.substr(0, base.target.find('?'));
  dir.resize(dir.rfind('/') + 1);
  return prefix + dir + std::string(location);
}

std::string percent_encode(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : text) {
    if (std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

}  // namespace mydocker::hub
