// Runs one registry request until it succeeds, fails for good, or the retry policy gives up,
// and turns what went wrong into the one error a user sees.
#pragma once

#include <functional>
#include <optional>
#include <stdexcept>
#include <string>

#include "cancellation.hpp"
#include "retry_policy.hpp"

namespace mydocker::hub {

// Thrown by an attempt that got an answer worth waiting for (429, 5xx).
class RetryableStatus : public std::runtime_error {
 public:
  RetryableStatus(const std::string& message, std::optional<Millis> retry_after)
      : std::runtime_error(message), retry_after_(retry_after) {}
  std::optional<Millis> retry_after() const { return retry_after_; }

 private:
  std::optional<Millis> retry_after_;
};

struct RetryContext {
  const RetryPolicy& policy;
  std::string registry;  // host[:port], for "cannot reach registry ..."
  std::string what;      // "manifest of X", "blob sha256:...", for the final message
  Cancellation cancel;
  std::function<void(const std::string&)> log;  // one line per retry
  std::function<void(Millis)> waiting = {};     // told each back-off before it starts
};

// `attempt` returns on success and throws RetryableStatus or TransportError for failures
// worth another try; anything else it throws passes through. After the last attempt, throws
// RegistryError (unreachable for connection failures, unavailable otherwise).
void with_retries(const RetryContext& context, const std::function<void()>& attempt);

}  // namespace mydocker::hub
