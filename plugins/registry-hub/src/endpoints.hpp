// Where the API of a registry named in a reference is reached, in the order to try: mirrors
// of docker.io first, Docker Hub's real API host, and plain HTTP after HTTPS for registries
// that allow it (loopback, insecure-registries).
#pragma once

#include <string>
#include <vector>

#include "settings.hpp"

namespace mydocker::hub {

struct Endpoint {
  std::string base_url;         // "https://registry-1.docker.io", no trailing slash
  std::string host;             // host[:port]: the key for certs.d and credentials
  std::string credentials_key;  // what config.json calls it ("docker.io" for Docker Hub)
  bool mirror = false;
  bool verify_tls = true;
  // The next endpoint is this host over plain HTTP: a failure to connect or to agree on TLS
  // here is a reason to try it, not an error.
  bool http_fallback_follows = false;
};

inline constexpr const char* kDockerHub = "docker.io";
inline constexpr const char* kDockerHubApiHost = "registry-1.docker.io";

std::vector<Endpoint> plan_endpoints(const Settings& settings, const std::string& registry);

// "/v2/<repository>/manifests/<reference>", "/v2/<repository>/blobs/<digest>". The parts
// were validated by the core's reference grammar or as digests: nothing needs escaping.
std::string manifest_path(const std::string& repository, const std::string& reference);
std::string blob_path(const std::string& repository, const std::string& digest);

// realm?service=...&scope=... (appended with & when the realm has a query already).
std::string token_url(const std::string& realm, const std::string& service,
                      const std::string& scope);

}  // namespace mydocker::hub
