#include "host_rules.hpp"

#include <arpa/inet.h>

#include <array>
#include <cctype>
#include <charconv>
#include <optional>

namespace mydocker::hub {

namespace {

struct Address {
  int family = 0;
  std::array<unsigned char, 16> bytes{};
  int bits() const { return family == AF_INET ? 32 : 128; }
};

std::optional<Address> parse_address(std::string_view text) {
  const std::string s(text);
  Address a;
  if (::inet_pton(AF_INET, s.c_str(), a.bytes.data()) == 1) {
    a.family = AF_INET;
    return a;
  }
  if (::inet_pton(AF_INET6, s.c_str(), a.bytes.data()) == 1) {
    a.family = AF_INET6;
    return a;
  }
  return std::nullopt;
}

bool same_prefix(const Address& a, const Address& b, int bits) {
  for (int i = 0; i < bits; ++i) {
    const int byte = i / 8;
    const int mask = 0x80 >> (i % 8);
    if ((a.bytes[byte] & mask) != (b.bytes[byte] & mask)) return false;
  }
  return true;
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

}  // namespace

HostPort split_host_port(std::string_view authority) {
  HostPort hp;
  if (authority.starts_with('[')) {
    const auto close = authority.find(']');
    if (close == std::string_view::npos) return {lower(authority), ""};
    hp.host = lower(authority.substr(1, close - 1));
    if (close + 1 < authority.size() && authority[close + 1] == ':') {
      hp.port = std::string(authority.substr(close + 2));
    }
    return hp;
  }
  const auto colon = authority.rfind(':');
  // More than one colon without brackets is a bare IPv6 address, not host:port.
  if (colon == std::string_view::npos || authority.find(':') != colon) {
    return {lower(authority), ""};
  }
  return {lower(authority.substr(0, colon)), std::string(authority.substr(colon + 1))};
}

bool is_loopback_host(std::string_view host) {
  if (host == "localhost") return true;
  return cidr_contains("127.0.0.0/8", host) || cidr_contains("::1/128", host);
}

bool cidr_contains(std::string_view cidr, std::string_view host) {
  const auto slash = cidr.find('/');
  if (slash == std::string_view::npos) return false;
  const auto net = parse_address(cidr.substr(0, slash));
  const auto addr = parse_address(host);
  if (!net || !addr || net->family != addr->family) return false;
  int bits = -1;
  const auto len = cidr.substr(slash + 1);
  const auto [end, ec] = std::from_chars(len.data(), len.data() + len.size(), bits);
  if (ec != std::errc() || end != len.data() + len.size() || bits < 0 || bits > net->bits()) {
    return false;
  }
  return same_prefix(*net, *addr, bits);
}

bool is_insecure_registry(std::string_view registry, const std::vector<std::string>& entries) {
  const HostPort reg = split_host_port(registry);
  for (const auto& entry : entries) {
    if (entry.find('/') != std::string::npos) {
      if (cidr_contains(entry, reg.host)) return true;
      continue;
    }
    const HostPort want = split_host_port(entry);
    if (want.host == reg.host && (want.port.empty() || want.port == reg.port)) return true;
  }
  return false;
}

}  // namespace mydocker::hub
