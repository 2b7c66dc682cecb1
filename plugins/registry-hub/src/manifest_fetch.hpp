// Resolving a tag or digest to the manifest or index it names, with its body kept: it is
// small, and the core asks for it right away.
#pragma once

#include <string>

#include "registry_connection.hpp"

namespace mydocker::hub {

struct FetchedManifest {
  std::string media_type;  // Content-Type without parameters (or sniffed from the body)
  std::string digest;      // the reference's digest, Docker-Content-Digest, or computed
  std::string body;
};

// `reference` is the tag or digest to ask for, `display` the image as the user knows it.
// Throws RegistryError (not found, access denied, schema 1, unreachable ...).
FetchedManifest fetch_manifest(RegistryConnection& connection, const std::string& reference,
                               const std::string& display);

}  // namespace mydocker::hub
