// WWW-Authenticate challenges (RFC 7235): a registry says with them how it wants to be
// authenticated; Bearer challenges carry the token service's realm, service and scope.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace mydocker::hub {

struct Challenge {
  std::string scheme;                         // lowercase: "bearer", "basic"
  std::map<std::string, std::string> params;  // names lowercase, values unquoted

  std::string param(const std::string& name) const;
};

// Parses one header value, which may hold several challenges. Malformed trailing input is
// ignored rather than rejected: a partly understood challenge is still worth trying.
std::vector<Challenge> parse_www_authenticate(std::string_view header);

}  // namespace mydocker::hub
