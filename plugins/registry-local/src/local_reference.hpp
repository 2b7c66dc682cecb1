// Local image references in skopeo/podman transport syntax:
//   docker-archive:PATH[:NAME:TAG|:@INDEX]   oci:DIR[:TAG]   oci-archive:PATH[:TAG]   PATH[:...]
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace mydocker::local {

enum class Transport { detect, docker_archive, oci, oci_archive };

struct LocalReference {
  Transport transport = Transport::detect;
  std::string path;                     // as the user wrote it, relative paths included
  std::optional<std::string> selector;  // what follows PATH: NAME:TAG, @INDEX, TAG or a digest
};

// The transport prefix as written in references ("docker-archive:"), empty for detect.
std::string_view transport_prefix(Transport transport);

// Paths may contain colons, so where PATH ends is decided by what exists: the whole remainder
// if it exists, else its longest prefix ending before a colon that exists. When nothing exists
// the path ends at the first colon, as skopeo reads it, so the error names a plausible file.
LocalReference parse_reference(std::string_view reference,
                               const std::function<bool(const std::string&)>& exists);

}  // namespace mydocker::local
