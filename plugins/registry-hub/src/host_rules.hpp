// Which registries may be spoken to over plain HTTP: loopback ones always (as docker does) and
// those listed in insecure-registries, by host[:port] or by CIDR block.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace mydocker::hub {

struct HostPort {
  std::string host;  // without IPv6 brackets, lowercase
  std::string port;  // "" when absent
};

// "[::1]:5000" -> {"::1", "5000"}, "Example.com" -> {"example.com", ""}.
HostPort split_host_port(std::string_view authority);

// localhost, 127.0.0.0/8 and ::1.
bool is_loopback_host(std::string_view host);

// True when `cidr` ("10.0.0.0/8", "fd00::/8") contains the IP literal `host`. Host names are
// not resolved: an insecure CIDR covers registries named by address only.
bool cidr_contains(std::string_view cidr, std::string_view host);

// `registry` is host[:port]; entries are host[:port] (an entry without a port covers every
// port of that host) or CIDR blocks.
bool is_insecure_registry(std::string_view registry, const std::vector<std::string>& entries);

}  // namespace mydocker::hub
