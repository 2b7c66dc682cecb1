// docker-archive stores no image manifest, only a config and layer files. The core pulls
// through manifests, so the source writes one: an OCI image manifest of those blobs.
#pragma once

#include <string>
#include <vector>

#include "mydocker/types.hpp"

namespace mydocker::local {

// The manifest's bytes; serialised deterministically, so the same archive always yields the
// same manifest digest and a second pull finds it in the store.
std::string synthesize_manifest(const Descriptor& config, const std::vector<Descriptor>& layers);

}  // namespace mydocker::local
