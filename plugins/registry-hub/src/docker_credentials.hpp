// Credentials as docker stores them in config.json: per-registry `credHelpers`, a default
// `credsStore`, and `auths` entries with a base64 "user:password" `auth`.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace mydocker::hub {

struct Credentials {
  std::string username;
  std::string password;
  std::string identity_token;  // an OAuth2 refresh token for the token service
  std::string registry_token;  // a bearer token to send as is
};

struct CredentialLookup {
  std::optional<Credentials> credentials;  // from `auths`
  std::string helper;                      // "NAME" of docker-credential-NAME to ask first
};

// What config.json (its text) holds for `server` (host[:port], or "docker.io"). Keys in
// `auths` may carry a scheme or path ("https://index.docker.io/v1/"); they are compared by host.
// Throws mydocker::Error naming `path` when the file or an entry is malformed.
CredentialLookup lookup_credentials(std::string_view config_json, const std::string& server,
                                    const std::string& path);

// The name a credential helper knows `server` by: Docker Hub is "https://index.docker.io/v1/".
std::string helper_server_name(const std::string& server);

// The output of `docker-credential-NAME get`; nullopt for a malformed answer.
std::optional<Credentials> parse_helper_output(std::string_view json);

}  // namespace mydocker::hub
