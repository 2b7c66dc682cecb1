#include "hub_source.hpp"

#include "curl_handle.hpp"
#include "endpoints.hpp"
#include "hub_image.hpp"
#include "manifest_fetch.hpp"
#include "registry_error.hpp"
#include "settings.hpp"

namespace mydocker::hub {

namespace {

std::string canonical_name(const RegistryReference& ref) {
  std::string name = ref.registry + "/" + ref.repository;
  if (!ref.tag.empty()) name += ":" + ref.tag;
  if (!ref.digest.empty()) name += "@" + ref.digest;
  return name;
}

std::shared_ptr<Session> make_session(const Endpoint& endpoint, const RegistryReference& ref,
                                      const Settings& settings, IHost& host) {
  TlsOptions tls = find_tls_options(settings.certs_dirs, endpoint.host);
  tls.verify = endpoint.verify_tls;
  const std::string display = ref.registry + "/" + ref.repository;
  AuthConfig auth{display,
                  ref.repository,
                  endpoint.credentials_key,
                  settings.docker_config_dir,
                  settings.insecure_registries,
                  settings.certs_dirs};
  auto session = std::make_shared<Session>(endpoint, std::move(tls), ref.repository, display,
                                           settings, std::move(auth), host);
  // Plain HTTP will be tried next on this very port: no point waiting for HTTPS to come up.
  if (endpoint.http_fallback_follows) session->retry.max_refused_attempts = 1;
  return session;
}

// Whether a failure on `endpoint` lets the next one be tried: any failure of a mirror (docker
// falls back to the registry itself), and a failure to connect at all before plain HTTP.
bool may_fall_back(const Endpoint& endpoint, const RegistryError& error) {
  return endpoint.mirror ||
         (endpoint.http_fallback_follows &&
          (error.kind() == FailureKind::unreachable || error.kind() == FailureKind::tls));
}

std::string ca_hint(const Settings& settings, const std::string& host) {
  std::string hint = "to trust its CA, put the certificate in ";
  for (std::size_t i = 0; i < settings.certs_dirs.size(); ++i) {
    if (i > 0) hint += " or ";
    hint += (settings.certs_dirs[i] / host / "ca.crt").string();
  }
  return hint;
}

}  // namespace

HubSource::HubSource(IHost& host) : host_(host) { ensure_curl_initialised(); }

std::unique_ptr<IResolvedImage> HubSource::resolve(const ImageRequest& request) {
  if (!request.is_registry_reference) throw Error(request.reference_error);
  const RegistryReference& ref = request.registry_reference;
  const Settings settings = load_settings(host_.options());
  const std::string name = canonical_name(ref);
  const std::string reference = ref.digest.empty() ? ref.tag : ref.digest;

  const auto endpoints = plan_endpoints(settings, ref.registry);
  std::optional<RegistryError> https_failure;
  for (std::size_t i = 0; i < endpoints.size(); ++i) {
    const Endpoint& endpoint = endpoints[i];
    auto session = make_session(endpoint, ref, settings, host_);
    try {
      RegistryConnection connection(*session);
      FetchedManifest manifest = fetch_manifest(connection, reference, name);
      host_.log(LogLevel::debug, name + " is " + manifest.media_type + " " + manifest.digest +
                                     " on " + endpoint.base_url);
      Descriptor root{manifest.media_type,
                      manifest.digest,
                      static_cast<std::int64_t>(manifest.body.size()),
                      {},
                      {}};
      return std::make_unique<HubImage>(std::move(session), name, std::move(root),
                                        std::move(manifest.body));
    } catch (const RegistryError& e) {
      const bool last = i + 1 == endpoints.size();
      if (host_.cancelled()) throw;  // interrupted, not failed: nothing else to try
      if (last || !may_fall_back(endpoint, e)) {
        // A server whose certificate failed verification speaks TLS: plain HTTP then gets a
        // useless "400 Bad Request", and the certificate is what the user must fix.
        if (https_failure && e.kind() == FailureKind::bad_response) {
          throw RegistryError(https_failure->kind(), std::string(https_failure->what()) +
                                                         " (plain HTTP failed too; " +
                                                         ca_hint(settings, endpoint.host) + ")");
        }
        throw;
      }
      // Falling back to plain HTTP is routine for loopback registries: not worth an info line.
      host_.log(endpoint.mirror ? LogLevel::info : LogLevel::debug,
                endpoint.base_url + ": " + e.what() + "; trying " + endpoints[i + 1].base_url);
      if (endpoint.http_fallback_follows && e.kind() == FailureKind::tls) {
        https_failure = e;
      }
    }
  }
  throw Error("no endpoint for registry " + ref.registry);  // plan_endpoints never returns none
}

}  // namespace mydocker::hub
