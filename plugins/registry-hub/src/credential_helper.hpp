// Asks a docker credential helper (docker-credential-NAME, found in PATH) for the credentials
// of a server, with the protocol docker uses: "get", the server name on stdin, JSON on stdout.
#pragma once

#include <optional>
#include <string>

#include "docker_credentials.hpp"

namespace mydocker::hub {

// nullopt when the helper has no credentials for `server`. Throws mydocker::Error when the
// helper is missing, fails otherwise or does not answer within a few seconds.
std::optional<Credentials> run_credential_helper(const std::string& name,
                                                 const std::string& server);

}  // namespace mydocker::hub
