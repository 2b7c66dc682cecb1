// docker-archive's manifest.json: the images an archive holds and which one the user chose.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mydocker::local {

struct DockerArchiveImage {
  std::string config;               // member path, normalised and inside the archive
  std::vector<std::string> layers;  // member paths, base layer first
  std::vector<std::string> repo_tags;
};

// Checks the shape and refuses any path outside the archive. label names the archive.
std::vector<DockerArchiveImage> parse_docker_manifest(std::string_view text,
                                                      const std::string& label);

struct DockerChoice {
  std::size_t index = 0;
  std::string name;  // the matching RepoTag as the archive writes it; empty for untagged images
};

// selector: NAME[:TAG] (matched against RepoTags with docker.io normalisation) or @INDEX
// (skopeo's syntax for the INDEX-th image, from 0). Without one the archive must hold one
// image. reference_prefix is what the user would type before a selector
// ("docker-archive:./x.tar"); errors list the choices in that form.
DockerChoice choose_docker_image(const std::vector<DockerArchiveImage>& images,
                                 const std::optional<std::string>& selector,
                                 const std::string& reference_prefix, const std::string& label);

}  // namespace mydocker::local
