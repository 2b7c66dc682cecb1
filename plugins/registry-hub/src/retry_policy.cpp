#include "retry_policy.hpp"

#include <curl/curl.h>

#include <algorithm>
#include <charconv>
#include <string>

namespace mydocker::hub {

std::optional<Millis> retry_delay(const RetryPolicy& policy, int attempts, const Failure& failure,
                                  Millis waited) {
  if (failure.refused) {
    if (attempts >= policy.max_refused_attempts) return std::nullopt;
    return policy.refused_delay;
  }
  if (attempts >= policy.max_attempts) return std::nullopt;
  Millis delay = policy.first_delay;
  for (int i = 1; i < attempts && delay < policy.max_delay; ++i) delay *= 2;
  delay = std::min(delay, policy.max_delay);
  if (failure.retry_after) {
    // A server asking for more patience than we have is as good as a refusal.
    if (*failure.retry_after > policy.max_delay) return std::nullopt;
    delay = std::max(delay, *failure.retry_after);
  }
  if (waited + delay > policy.max_total_wait) return std::nullopt;
  return delay;
}

std::optional<Millis> parse_retry_after(std::string_view value, std::time_t now) {
  while (!value.empty() && value.front() == ' ') value.remove_prefix(1);
  while (!value.empty() && (value.back() == ' ' || value.back() == '\r')) value.remove_suffix(1);
  if (value.empty()) return std::nullopt;
  long long seconds = 0;
  const auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), seconds);
  if (ec == std::errc() && end == value.data() + value.size()) {
    if (seconds < 0) return std::nullopt;
    return Millis(std::min<long long>(seconds, 86'400) * 1000);
  }
  // An HTTP-date: IMF-fixdate, or the obsolete RFC 850 and asctime forms, as libcurl reads
  // them (a zone other than GMT, which senders must not use, is honoured rather than refused).
  const std::string text(value);
  const std::time_t when = curl_getdate(text.c_str(), nullptr);
  if (when == -1) return std::nullopt;
  return Millis(std::max<long long>(0, static_cast<long long>(when - now)) * 1000);
}

}  // namespace mydocker::hub
