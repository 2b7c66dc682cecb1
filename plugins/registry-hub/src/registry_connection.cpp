#include "registry_connection.hpp"

#include "registry_error.hpp"
#include "url.hpp"

namespace mydocker::hub {

namespace {

constexpr int kMaxRedirects = 10;

bool is_redirect(long status) {
  return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
}

}  // namespace

RegistryConnection::RegistryConnection(Session& session, const std::atomic<bool>* batch_failed)
    : session_(session), cancel_(&session.host, batch_failed) {
  const auto base = parse_url(session.endpoint.base_url);
  origin_ = base ? origin_of(*base) : session.endpoint.base_url;
}

HttpResponse RegistryConnection::get(const std::string& path,
                                     const std::vector<std::string>& headers, BodyTarget* target,
                                     std::size_t max_body) {
  const std::string url = session_.endpoint.base_url + path;
  HttpResponse response = follow(url, headers, target, max_body, true);
  // A challenge from a host we were redirected to is not the registry's to make: answering it
  // could send the registry's credentials wherever that host points.
  if (response.status == 401 && last_from_registry_ &&
      session_.auth.answer_challenge(response, client_)) {
    response = follow(url, headers, target, max_body, true);
  }
  return response;
}

HttpResponse RegistryConnection::get_foreign(const std::string& url, BodyTarget* target) {
  return follow(url, {}, target, 64 * 1024, false);
}

HttpResponse RegistryConnection::follow(std::string url, const std::vector<std::string>& headers,
                                        BodyTarget* target, std::size_t max_body,
                                        bool credentials_allowed) {
  const TlsOptions foreign_tls;  // verified against the public CAs only
  for (int hop = 0;; ++hop) {
    const auto parsed = parse_url(url);
    if (!parsed) {
      throw RegistryError(FailureKind::bad_response,
                          "cannot follow the registry to \"" + url + "\"");
    }
    const bool own = origin_of(*parsed) == origin_;
    HttpRequest request;
    request.url = url;
    request.headers = headers;
    request.tls = own ? &session_.tls : &foreign_tls;
    request.target = target;
    request.max_body = max_body;
    request.cancel = cancel_;
    if (own && credentials_allowed) {
      if (std::string auth = session_.auth.authorization(); !auth.empty()) {
        request.headers.push_back(std::move(auth));
      }
    }
    HttpResponse response = client_.perform(request);
    session_.host.log(LogLevel::debug, "GET " + url + " -> " + std::to_string(response.status));
    last_from_registry_ = own;
    const std::string location = response.header("location");
    if (!is_redirect(response.status) || location.empty()) return response;
    if (hop >= kMaxRedirects) {
      throw RegistryError(FailureKind::bad_response,
                          "too many redirects fetching from " + session_.endpoint.host);
    }
    const auto next = resolve_location(*parsed, location);
    if (!next) {
      throw RegistryError(
          FailureKind::bad_response,
          session_.endpoint.host + " redirected to an unusable location \"" + location + "\"");
    }
    url = *next;
  }
}

}  // namespace mydocker::hub
