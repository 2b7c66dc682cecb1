// What a registry's error status means for the user (or for the retry loop).
#pragma once

#include <string>

#include "http_client.hpp"
#include "session.hpp"

namespace mydocker::hub {

// Throws for a response that is not a success: RegistryError for access denied (401/403),
// not found (404: the message is `missing`) and other refusals; RetryableStatus for 429 and 5xx.
[[noreturn]] void fail_on_status(const HttpResponse& response, Session& session,
                                 const std::string& missing, const std::string& what);

}  // namespace mydocker::hub
