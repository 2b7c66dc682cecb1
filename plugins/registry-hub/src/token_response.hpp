// The token service's answer (docker token spec): {"token" or "access_token", "expires_in"}.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace mydocker::hub {

struct Token {
  std::string value;
  long lifetime_seconds = 60;  // at least 60, as the spec tells clients to assume; at most a day
};

// nullopt when the body holds no token.
std::optional<Token> parse_token_response(std::string_view body);

}  // namespace mydocker::hub
