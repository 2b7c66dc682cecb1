#include "endpoints.hpp"

#include "host_rules.hpp"
#include "url.hpp"

namespace mydocker::hub {

std::vector<Endpoint> plan_endpoints(const Settings& settings, const std::string& registry) {
  std::vector<Endpoint> out;
  if (registry == kDockerHub) {
    for (const auto& mirror : settings.mirrors) {
      const auto url = parse_url(mirror);
      if (!url) continue;
      Endpoint e;
      e.base_url = mirror;
      e.host = url->authority;
      e.credentials_key = url->authority;
      e.mirror = true;
      e.verify_tls = !is_insecure_registry(url->authority, settings.insecure_registries);
      out.push_back(std::move(e));
    }
    out.push_back({std::string("https://") + kDockerHubApiHost, kDockerHubApiHost, kDockerHub,
                   false, true, false});
    return out;
  }
  const bool insecure = is_insecure_registry(registry, settings.insecure_registries);
  const bool loopback = is_loopback_host(split_host_port(registry).host);
  // Insecure registries skip certificate checks as with docker; loopback ones may use plain
  // HTTP but a certificate they do present is still verified.
  out.push_back(
      {"https://" + registry, registry, registry, false, !insecure, insecure || loopback});
  if (insecure || loopback)
    out.push_back({"http://" + registry, registry, registry, false, false, false});
  return out;
}

std::string manifest_path(const std::string& repository, const std::string& reference) {
  return "/v2/" + repository + "/manifests/" + reference;
}

std::string blob_path(const std::string& repository, const std::string& digest) {
  return "/v2/" + repository + "/blobs/" + digest;
}

std::string token_url(const std::string& realm, const std::string& service,
                      const std::string& scope) {
  std::string url = realm;
  char sep = realm.find('?') == std::string::npos ? '?' : '&';
  if (!service.empty()) {
    url += sep;
    url += "service=" + percent_encode(service);
    sep = '&';
  }
  if (!scope.empty()) {
    url += sep;
    url += "scope=" + percent_encode(scope);
  }
  return url;
}

}  // namespace mydocker::hub
