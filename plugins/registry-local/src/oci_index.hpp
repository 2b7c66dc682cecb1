// An OCI image layout's index.json: the images it holds and which one the user chose.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "mydocker/types.hpp"

namespace mydocker::local {

inline constexpr const char* kRefNameAnnotation = "org.opencontainers.image.ref.name";
inline constexpr const char* kContainerdNameAnnotation = "io.containerd.image.name";

struct OciIndexEntry {
  Descriptor descriptor;   // digest already checked with is_valid_digest
  std::string ref_name;    // org.opencontainers.image.ref.name, usually a tag
  std::string image_name;  // io.containerd.image.name, a full image name (Docker 25+)
};

// Checks the shape; refuses entries whose digest is not a valid sha256 digest.
std::vector<OciIndexEntry> parse_oci_index(std::string_view text, const std::string& label);

// selector: a tag (matched against ref names, then against full names with docker.io
// normalisation) or a digest "sha256:...". Without one the layout must hold one entry.
// reference_prefix ("oci:./dir") and label as for choose_docker_image.
std::size_t choose_oci_entry(const std::vector<OciIndexEntry>& entries,
                             const std::optional<std::string>& selector,
                             const std::string& reference_prefix, const std::string& label);

// The image's name for display and the store: its full name if the layout records one, else
// "<layout basename>:<tag>", else empty.
std::string oci_image_name(const OciIndexEntry& entry, std::string_view layout_path);

}  // namespace mydocker::local
