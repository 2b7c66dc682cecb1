// When to try a request again: registries shed load with 429 and 5xx, and connections drop
// mid-layer. Waits grow exponentially, honour Retry-After, and are bounded in count and total
// time so a pull never hangs; a refused connection (nothing listening) is retried only briefly.
#pragma once

#include <chrono>
#include <ctime>
#include <optional>
#include <string_view>

namespace mydocker::hub {

using Millis = std::chrono::milliseconds;

struct RetryPolicy {
  int max_attempts = 5;          // dockerd's max-download-attempts default
  int max_refused_attempts = 2;  // nothing listening will not start listening in a second
  Millis first_delay{500};
  Millis max_delay{10'000};
  Millis max_total_wait{30'000};
  Millis refused_delay{200};
};

// Why the last attempt failed, as far as retrying is concerned.
struct Failure {
  bool refused = false;
  std::optional<Millis> retry_after;  // the server's Retry-After, if it sent one
};

// How long to wait before the next attempt, or nullopt to give up. `attempts` is how many
// were made so far, `waited` the total already spent waiting.
std::optional<Millis> retry_delay(const RetryPolicy& policy, int attempts, const Failure& failure,
                                  Millis waited);

// Retry-After is delta-seconds or an HTTP-date; nullopt when it is neither. A date in the
// past means now.
std::optional<Millis> parse_retry_after(std::string_view value, std::time_t now);

}  // namespace mydocker::hub
