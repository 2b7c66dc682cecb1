#include "token_response.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>

namespace mydocker::hub {

std::optional<Token> parse_token_response(std::string_view body) {
  constexpr long kMinLifetime = 60;
  // The caller adds the lifetime to a clock in nanoseconds: an absurd expires_in overflowed it.
  constexpr long kMaxLifetime = 24 * 60 * 60;
  const auto doc = nlohmann::json::parse(body, nullptr, false);
  if (doc.is_discarded() || !doc.is_object()) return std::nullopt;
  Token token;
  for (const char* key : {"token", "access_token"}) {
    auto it = doc.find(key);
    if (token.value.empty() && it != doc.end() && it->is_string())
      token.value = it->get<std::string>();
  }
  if (token.value.empty()) return std::nullopt;
  if (auto it = doc.find("expires_in"); it != doc.end() && it->is_number_integer()) {
    token.lifetime_seconds = std::clamp(it->get<long>(), kMinLifetime, kMaxLifetime);
  }
  return token;
}

}  // namespace mydocker::hub
