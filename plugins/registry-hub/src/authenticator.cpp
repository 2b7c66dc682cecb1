#include "authenticator.hpp"

#include <fstream>
#include <sstream>

#include "base64.hpp"
#include "credential_helper.hpp"
#include "endpoints.hpp"
#include "host_rules.hpp"
#include "registry_error.hpp"
#include "tls_files.hpp"
#include "token_response.hpp"
#include "url.hpp"
#include "www_authenticate.hpp"

namespace mydocker::hub {

namespace {

using Clock = std::chrono::steady_clock;

std::string read_text(const std::filesystem::path& path, bool& found) {
  std::ifstream in(path, std::ios::binary);
  found = static_cast<bool>(in);
  std::ostringstream text;
  if (found) text << in.rdbuf();
  return text.str();
}

}  // namespace

Authenticator::Authenticator(AuthConfig config, IHost& host)
    : config_(std::move(config)), host_(host) {}

const std::optional<Credentials>& Authenticator::credentials() {
  if (loaded_) return credentials_;
  loaded_ = true;
  const auto path = config_.docker_config_dir / "config.json";
  bool found = false;
  const std::string text = read_text(path, found);
  credentials_origin_ = path.string();
  if (!found) return credentials_;
  const CredentialLookup lookup = lookup_credentials(text, config_.credentials_key, path.string());
  if (!lookup.helper.empty()) {
    credentials_ =
        run_credential_helper(lookup.helper, helper_server_name(config_.credentials_key));
    if (credentials_) {
      credentials_origin_ = "docker-credential-" + lookup.helper;
      return credentials_;
    }
  }
  credentials_ = lookup.credentials;
  return credentials_;
}

std::string Authenticator::authorization() {
  std::lock_guard lock(mutex_);
  if (Clock::now() >= expires_) header_.clear();
  return header_;
}

std::string Authenticator::credentials_hint() {
  std::lock_guard lock(mutex_);
  if (credentials()) {
    return "the registry refused the credentials for " + config_.credentials_key + " from " +
           credentials_origin_;
  }
  return "the repository does not exist or needs a login (no credentials for " +
         config_.credentials_key + " in " + credentials_origin_ + ")";
}

bool Authenticator::answer_challenge(const HttpResponse& unauthorized, HttpClient& client) {
  std::lock_guard lock(mutex_);
  std::vector<Challenge> challenges;
  for (const auto& value : unauthorized.headers_named("www-authenticate")) {
    for (auto& c : parse_www_authenticate(value)) challenges.push_back(std::move(c));
  }
  const Challenge* bearer = nullptr;
  const Challenge* basic = nullptr;
  for (const auto& c : challenges) {
    if (c.scheme == "bearer" && bearer == nullptr) bearer = &c;
    if (c.scheme == "basic" && basic == nullptr) basic = &c;
  }
  const auto& creds = credentials();
  if (bearer != nullptr) {
    if (creds && !creds->registry_token.empty()) {
      const std::string header = "Authorization: Bearer " + creds->registry_token;
      if (header == header_) return false;
      header_ = header;
      expires_ = Clock::time_point::max();
      return true;
    }
    const std::string realm = bearer->param("realm");
    if (realm.empty()) {
      throw RegistryError(FailureKind::bad_response,
                          "cannot pull " + config_.display_repository +
                              ": the registry asked for a token but named no token service");
    }
    std::string scope = bearer->param("scope");
    if (scope.empty()) scope = "repository:" + config_.repository + ":pull";
    header_ =
        "Authorization: Bearer " + fetch_token(realm, bearer->param("service"), scope, client);
    return true;
  }
  if (basic != nullptr && creds && !creds->username.empty()) {
    const std::string header =
        "Authorization: Basic " + base64_encode(creds->username + ":" + creds->password);
    if (header == header_) return false;  // these very credentials were just refused
    header_ = header;
    expires_ = Clock::time_point::max();
    return true;
  }
  return false;
}

std::string Authenticator::fetch_token(const std::string& realm, const std::string& service,
                                       const std::string& scope, HttpClient& client) {
  const auto url = parse_url(realm);
  if (!url) {
    throw RegistryError(FailureKind::bad_response,
                        "cannot pull " + config_.display_repository +
                            ": the registry named an invalid token service \"" + realm + "\"");
  }
  const std::string realm_host = url->authority;
  const bool insecure = is_insecure_registry(realm_host, config_.insecure_registries);
  TlsOptions tls = find_tls_options(config_.certs_dirs, realm_host);
  tls.verify = !insecure;

  const auto& creds = credentials();
  HttpRequest request;
  request.tls = &tls;
  request.max_body = 1024 * 1024;
  request.cancel = Cancellation(&host_);
  request.url = token_url(realm, service, scope);
  if (creds && (!creds->username.empty() || !creds->identity_token.empty())) {
    // Credentials travel over plain HTTP only to hosts where that is allowed at all.
    if (url->scheme == "http" && !insecure && !is_loopback_host(split_host_port(realm_host).host)) {
      throw RegistryError(FailureKind::access_denied,
                          "refusing to send the credentials for " + config_.credentials_key +
                              " to the token service " + realm + " over plain HTTP");
    }
    if (!creds->identity_token.empty()) {
      request.method = "POST";
      request.url = realm;
      request.form_body = "grant_type=refresh_token&client_id=mydocker&refresh_token=" +
                          percent_encode(creds->identity_token) +
                          "&service=" + percent_encode(service) + "&scope=" + percent_encode(scope);
    } else {
      request.headers.push_back("Authorization: Basic " +
                                base64_encode(creds->username + ":" + creds->password));
    }
  }
  host_.log(LogLevel::debug, request.method + " " + request.url);
  HttpResponse response;
  try {
    response = client.perform(request);
  } catch (const TransportError& e) {
    throw RegistryError(FailureKind::unreachable,
                        "cannot reach the token service " + realm + ": " + e.what());
  }
  host_.log(LogLevel::debug, "token service answered " + std::to_string(response.status));
  if (response.status == 401 || response.status == 403) {
    throw RegistryError(FailureKind::access_denied,
                        "access denied to " + config_.display_repository +
                            ": the token service refused the credentials for " +
                            config_.credentials_key + " from " + credentials_origin_);
  }
  if (response.status != 200) {
    throw RegistryError(FailureKind::unavailable, "the token service " + realm + " answered HTTP " +
                                                      std::to_string(response.status));
  }
  const auto token = parse_token_response(response.body);
  if (!token) {
    throw RegistryError(FailureKind::bad_response,
                        "the token service " + realm + " answered without a token");
  }
  // Renew a little early so a token never expires in flight.
  expires_ = Clock::now() + std::chrono::seconds(token->lifetime_seconds - 10);
  return token->value;
}

}  // namespace mydocker::hub
