// Image references in Docker's grammar (distribution/reference), normalised the way docker
// does: "alpine" is docker.io/library/alpine:latest.
#pragma once

#include <string>
#include <string_view>

namespace mydocker {

struct ImageReference {
  std::string registry;    // "docker.io", "localhost:5000", "ghcr.io"
  std::string repository;  // "library/alpine", "x/y"
  std::string tag;         // "latest" when neither tag nor digest was given
  std::string digest;      // "" or "sha256:<hex>"

  // "docker.io/library/alpine:latest", "localhost:5000/x@sha256:...", "r/x:tag@sha256:..."
  std::string canonical() const;
  // "docker.io/library/alpine", no tag or digest
  std::string name() const;
};

// Throws mydocker::Error saying what is wrong with the reference.
ImageReference parse_reference(std::string_view text);

}  // namespace mydocker
