// What a docker-archive layer member is, from its first bytes: docker-archive has no manifest
// to say so, and the synthesised one must name the compression correctly.
#pragma once

#include <string>
#include <string_view>

namespace mydocker::local {

struct LayerKind {
  std::string media_type;  // an OCI layer media type
  bool plain_tar = false;  // an uncompressed tar with the ustar magic: its digest is its diff_id
};

LayerKind sniff_layer(std::string_view head);

}  // namespace mydocker::local
