// Failures the plugin tells apart internally: they decide whether another endpoint (a mirror,
// or plain HTTP after HTTPS) is worth trying. Users only ever see the one-line message.
#pragma once

#include <string>

#include "mydocker/errors.hpp"

namespace mydocker::hub {

enum class FailureKind {
  access_denied,  // 401/403 after authenticating
  not_found,      // 404
  unreachable,    // no HTTP exchange happened: refused, DNS, other connection failures
  tls,            // connected, but TLS could not be agreed or the certificate not verified
  unavailable,    // 429/5xx/dropped connections, after the retries
  bad_response,   // the registry answered something we cannot use
};

class RegistryError : public Error {
 public:
  RegistryError(FailureKind kind, const std::string& message) : Error(message), kind_(kind) {}
  FailureKind kind() const noexcept { return kind_; }

 private:
  FailureKind kind_;
};

}  // namespace mydocker::hub
