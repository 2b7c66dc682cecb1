// One thread's connection to a registry endpoint: a request to a /v2/ path, following
// redirects and answering one auth challenge. Credentials go only to the endpoint's own
// origin; a redirect elsewhere (a CDN, object storage) gets the request without them.
#pragma once

#include <atomic>
#include <string>
#include <vector>

#include "http_client.hpp"
#include "session.hpp"

namespace mydocker::hub {

class RegistryConnection {
 public:
  // Requests stop when the host is cancelled or `batch_failed` (if given) becomes true.
  explicit RegistryConnection(Session& session, const std::atomic<bool>* batch_failed = nullptr);

  // Throws TransportError when no response arrives, RegistryError when authentication fails.
  HttpResponse get(const std::string& path, const std::vector<std::string>& headers,
                   BodyTarget* target, std::size_t max_body = 4 * 1024 * 1024);

  // A URL outside the registry (a layer's foreign `urls`): never with credentials.
  HttpResponse get_foreign(const std::string& url, BodyTarget* target);

  Session& session() { return session_; }
  const Cancellation& cancellation() const { return cancel_; }

 private:
  HttpResponse follow(std::string url, const std::vector<std::string>& headers, BodyTarget* target,
                      std::size_t max_body, bool credentials_allowed);

  Session& session_;
  Cancellation cancel_;
  std::string origin_;
  bool last_from_registry_ = false;
  HttpClient client_;
};

}  // namespace mydocker::hub
