// What else a registry answers: token service bodies, manifest bodies whose type must be
// sniffed, Content-Type values, error bodies and Retry-After headers.
// Input: body, then Content-Type, then Retry-After, separated by "%%" lines.
#include <chrono>
#include <ctime>
#include <string>

#include "fuzz_input.hpp"
#include "media_types.hpp"
#include "quiet_host.hpp"
#include "retry.hpp"
#include "retry_policy.hpp"
#include "session.hpp"
#include "status_errors.hpp"
#include "token_response.hpp"

namespace {

using namespace mydocker;

using fuzz::QuietHost;

// fail_on_status on a response with this body and Retry-After: the registry's error message
// goes into the user's error, the Retry-After into the retry loop.
void refuse_status(long status, std::string_view body, std::string_view retry_after) {
  static QuietHost host;
  static const hub::Settings settings;
  static hub::Session session(hub::Endpoint{}, hub::TlsOptions{}, "library/x", "docker.io/x",
                              settings, hub::AuthConfig{}, host);
  hub::HttpResponse response;
  response.status = status;
  response.body = std::string(body);
  response.headers.push_back({"retry-after", std::string(retry_after)});
  try {
    hub::fail_on_status(response, session, "not found", "manifest latest");
  } catch (const hub::RetryableStatus& e) {
    if (e.retry_after()) hub::retry_delay(settings.retry, 1, {false, e.retry_after()}, {});
  } catch (const Error&) {
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto parts = fuzz::split_parts(fuzz::as_text(data, size), 3);
  const std::string_view body = parts[0];

  if (const auto token = hub::parse_token_response(body)) {
    fuzz::require(!token->value.empty() && token->lifetime_seconds >= 60,
                  "a token is not empty and lives at least a minute");
    // The authenticator renews the token at this time point.
    const auto renew =
        std::chrono::steady_clock::now() + std::chrono::seconds(token->lifetime_seconds - 10);
    (void)renew;
  }
  hub::sniff_manifest_media_type(body);
  hub::is_manifest_media_type(hub::bare_media_type(parts[1]));
  hub::parse_retry_after(parts[2], std::time(nullptr));
  refuse_status(400, body, parts[2]);
  refuse_status(503, body, parts[2]);
  return 0;
}
