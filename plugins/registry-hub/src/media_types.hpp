// Manifest media types as a registry serves them, and the Accept list that asks for all the
// kinds the core can read.
#pragma once

#include <string>
#include <string_view>

namespace mydocker::hub {

// Manifests and indexes, OCI and Docker: the registry picks the best it has.
inline constexpr const char* kManifestAccept =
    "Accept: application/vnd.oci.image.manifest.v1+json, "
    "application/vnd.docker.distribution.manifest.v2+json, "
    "application/vnd.docker.distribution.manifest.list.v2+json, "
    "application/vnd.oci.image.index.v1+json";

// "application/vnd.oci.image.index.v1+json; charset=utf-8" -> "application/vnd.oci...+json"
std::string bare_media_type(std::string_view content_type);

// The four manifest and index types (fetched from /manifests/, not /blobs/).
bool is_manifest_media_type(std::string_view media_type);

// Docker image manifest schema 1, signed or not.
bool is_schema1_media_type(std::string_view media_type);

// What a manifest body is when its Content-Type is generic JSON or absent: its own mediaType,
// else its shape (an index has "manifests", a manifest "layers"); "schema1" for schemaVersion
// 1; "" when it is not a JSON object.
std::string sniff_manifest_media_type(std::string_view body);

}  // namespace mydocker::hub
