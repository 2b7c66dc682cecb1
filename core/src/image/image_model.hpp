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
  std::string created;  // RFC 3339, as the image says; may be empty
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

// The chain ids of a layer stack (OCI image spec, "Layer ChainID"): the first is the first
// diff_id, each next one sha256("<previous chain id> <diff_id>"). They name unpacked layers:
// the same chain id means the same layers below, so the same filesystem.
std::vector<std::string> chain_ids(const std::vector<std::string>& diff_ids);

}  // namespace mydocker
