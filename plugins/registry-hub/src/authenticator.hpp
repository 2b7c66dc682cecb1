// Authorization for one repository on one registry host, driven by its WWW-Authenticate
// challenges: Bearer tokens from the realm it names (anonymous or with credentials), or Basic.
// Shared by the download threads of an image: one token serves them all.
#pragma once

#include <chrono>
#include <filesystem>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "docker_credentials.hpp"
#include "http_client.hpp"
#include "mydocker/host.hpp"

namespace mydocker::hub {

struct AuthConfig {
  std::string display_repository;  // "127.0.0.1:5000/busybox", for messages
  std::string repository;          // "busybox", for the default scope
  std::string credentials_key;     // config.json's name of the registry
  std::filesystem::path docker_config_dir;
  std::vector<std::string> insecure_registries;
  std::vector<std::filesystem::path> certs_dirs;
};

class Authenticator {
 public:
  Authenticator(AuthConfig config, IHost& host);

  // The "Authorization: ..." header line for the next request, "" when there is none yet.
  std::string authorization();

  // After a 401 from the registry: obtains a new authorization. False when there is nothing
  // new to try (no credentials for Basic, or the same ones were refused already). Throws
  // RegistryError when the token service refuses or cannot be reached.
  bool answer_challenge(const HttpResponse& unauthorized, HttpClient& client);

  // For "access denied" messages: says whether credentials were used and where they came from.
  std::string credentials_hint();

 private:
  const std::optional<Credentials>& credentials();  // loaded once, when first needed
  std::string fetch_token(const std::string& realm, const std::string& service,
                          const std::string& scope, HttpClient& client);

  AuthConfig config_;
  IHost& host_;
  std::mutex mutex_;
  bool loaded_ = false;
  std::optional<Credentials> credentials_;
  std::string credentials_origin_;
  std::string header_;
  std::chrono::steady_clock::time_point expires_ = std::chrono::steady_clock::time_point::max();
};

}  // namespace mydocker::hub
