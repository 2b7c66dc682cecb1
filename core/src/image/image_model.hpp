// The parsed forms of OCI/Docker manifests, indexes and image configs. Everything here comes
// from untrusted bytes: parsers validate shapes and digests and throw mydocker::Error.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "mydocker/types.hpp"

namespace mydocker {

struct ImageIndex {
  struct Entry {
    Descriptor descriptor;
    Platform platform;
  };
  std::vector<Entry> manifests;
};

struct ImageManifest {
  Descriptor config;
  std::vector<Descriptor> layers;
};

// The parts of the image config that decide how the container runs.
struct ImageConfig {
  Platform platform;
  std::vector<std::string> entrypoint;
  std::vector<std::string> cmd;
  std::vector<std::string> env;
  std::string working_dir;
  std::string user;
  std::vector<std::string> diff_ids;
};

bool is_index_media_type(std::string_view media_type);
bool is_manifest_media_type(std::string_view media_type);

// `what` names the document in error messages ("manifest sha256:ab12…").
ImageIndex parse_index(std::string_view json, std::string_view what);
ImageManifest parse_manifest(std::string_view json, std::string_view what);
ImageConfig parse_config(std::string_view json, std::string_view what);

// The media type a manifest or index declares about itself ("" when it has no mediaType),
// and whether it is an old schema 1 manifest, which we refuse.
std::string declared_media_type(std::string_view json, std::string_view what);

// "sha256:0123456789ab" for messages.
std::string short_digest(std::string_view digest);

}  // namespace mydocker
