#include "retry.hpp"

#include <thread>

#include "http_client.hpp"
#include "registry_error.hpp"

namespace mydocker::hub {

namespace {

// Sleeps in short steps so a failure elsewhere stops the wait promptly.
void wait_for(Millis delay, const Cancellation& cancel) {
  const auto until = std::chrono::steady_clock::now() + delay;
  while (!cancel.requested() && std::chrono::steady_clock::now() < until) {
    std::this_thread::sleep_for(std::min<Millis>(Millis(50), delay));
  }
}

[[noreturn]] void throw_cancelled(const RetryContext& context) {
  throw RegistryError(FailureKind::unavailable, context.what + ": cancelled");
}

}  // namespace

void with_retries(const RetryContext& context, const std::function<void()>& attempt) {
  Millis waited{0};
  for (int attempts = 1;; ++attempts) {
    Failure failure;
    std::string problem;
    try {
      attempt();
      return;
    } catch (const RetryableStatus& e) {
      failure.retry_after = e.retry_after();
      problem = e.what();
    } catch (const TransportError& e) {
      switch (e.kind()) {
        case TransportFailure::cancelled:
          throw_cancelled(context);
        case TransportFailure::tls:
          throw RegistryError(FailureKind::tls,
                              "cannot reach registry " + context.registry + ": " + e.what());
        case TransportFailure::handshake:
        case TransportFailure::other:
          throw RegistryError(FailureKind::unreachable,
                              "cannot reach registry " + context.registry + ": " + e.what());
        case TransportFailure::refused:
          failure.refused = true;
          break;
        case TransportFailure::dropped:
        case TransportFailure::timeout:
          break;
      }
      problem = e.what();
    }
    if (context.cancel.requested()) throw_cancelled(context);
    const auto delay = retry_delay(context.policy, attempts, failure, waited);
    if (!delay) {
      if (failure.refused) {
        throw RegistryError(FailureKind::unreachable,
                            "cannot reach registry " + context.registry + ": " + problem);
      }
      throw RegistryError(FailureKind::unavailable, context.what + ": " + problem +
                                                        " (gave up after " +
                                                        std::to_string(attempts) + " attempts)");
    }
    if (context.log) {
      context.log(context.what + ": " + problem + "; retrying in " +
                  std::to_string(delay->count()) + " ms");
    }
    if (context.waiting) context.waiting(*delay);
    wait_for(*delay, context.cancel);
    waited += *delay;
  }
}

}  // namespace mydocker::hub
