#include "status_errors.hpp"

#include <ctime>
#include <nlohmann/json.hpp>

#include "registry_error.hpp"
#include "retry.hpp"

namespace mydocker::hub {

namespace {

// The registry API's {"errors": [{"code": ..., "message": ...}]}, first message only.
std::string registry_message(const std::string& body) {
  const auto doc = nlohmann::json::parse(body, nullptr, false);
  if (!doc.is_object()) return {};
  auto errors = doc.find("errors");
  if (errors == doc.end() || !errors->is_array() || errors->empty()) return {};
  const auto& first = errors->front();
  if (!first.is_object()) return {};
  auto message = first.find("message");
  return message != first.end() && message->is_string() ? message->get<std::string>() : "";
}

}  // namespace

void fail_on_status(const HttpResponse& response, Session& session, const std::string& missing,
                    const std::string& what) {
  const long status = response.status;
  if (status == 401 || status == 403) {
    throw RegistryError(
        FailureKind::access_denied,
        "access denied to " + session.display_repository + ": " + session.auth.credentials_hint());
  }
  if (status == 404) throw RegistryError(FailureKind::not_found, missing);
  const std::string answer =
      "registry " + session.endpoint.host + " answered HTTP " + std::to_string(status);
  if (status == 429 || (status >= 500 && status <= 599)) {
    throw RetryableStatus(answer,
                          parse_retry_after(response.header("retry-after"), std::time(nullptr)));
  }
  const std::string message = registry_message(response.body);
  throw RegistryError(FailureKind::bad_response,
                      answer + " for " + what + (message.empty() ? "" : ": " + message));
}

}  // namespace mydocker::hub
