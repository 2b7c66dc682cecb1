#include "manifest_fetch.hpp"

#include "endpoints.hpp"
#include "media_types.hpp"
#include "mydocker/digest.hpp"
#include "mydocker/sha256.hpp"
#include "registry_error.hpp"
#include "retry.hpp"
#include "status_errors.hpp"

namespace mydocker::hub {

namespace {

constexpr std::size_t kMaxManifestSize = 4 * 1024 * 1024;

std::string media_type_of(const HttpResponse& response) {
  std::string type = bare_media_type(response.header("content-type"));
  if (is_manifest_media_type(type) || is_schema1_media_type(type)) return type;
  // Some registries serve manifests as application/json or text/plain: the body tells.
  const std::string sniffed = sniff_manifest_media_type(response.body);
  return sniffed.empty() ? type : sniffed;
}

}  // namespace

FetchedManifest fetch_manifest(RegistryConnection& connection, const std::string& reference,
                               const std::string& display) {
  Session& session = connection.session();
  FetchedManifest out;
  HttpResponse response;
  const RetryContext context{
      session.retry, session.endpoint.host, "manifest of " + display, connection.cancellation(),
      [&session](const std::string& line) { session.host.log(LogLevel::info, line); }};
  with_retries(context, [&] {
    response = connection.get(manifest_path(session.repository, reference), {kManifestAccept},
                              nullptr, kMaxManifestSize);
    if (response.status != 200) {
      fail_on_status(response, session, "image not found: " + display,
                     "the manifest of " + display);
    }
  });

  out.media_type = media_type_of(response);
  if (is_schema1_media_type(out.media_type) || out.media_type == "schema1") {
    throw RegistryError(FailureKind::bad_response,
                        "image " + display +
                            " has a Docker schema 1 manifest, which is unsupported because it is "
                            "too old: push it again with a current docker or skopeo");
  }
  if (!is_manifest_media_type(out.media_type)) {
    throw RegistryError(FailureKind::bad_response,
                        "image " + display +
                            ": the registry served a manifest of unsupported type \"" +
                            out.media_type + "\"");
  }
  const std::string header = response.header("docker-content-digest");
  if (is_valid_digest(reference)) {
    out.digest = reference;
  } else if (is_valid_digest(header)) {
    out.digest = header;
  } else {
    out.digest = sha256_digest(response.body);
  }
  out.body = std::move(response.body);
  return out;
}

}  // namespace mydocker::hub
