// Resolving an image in a docker-archive (`docker save`, skopeo, Docker 25+), which holds no
// manifest: one is synthesised from manifest.json's config and layer files.
#pragma once

#include <memory>

#include "layout_files.hpp"
#include "local_reference.hpp"
#include "mydocker/host.hpp"
#include "mydocker/image_source.hpp"

namespace mydocker::local {

// files must hold manifest.json. reference_prefix as for choose_docker_image.
std::unique_ptr<IResolvedImage> open_docker_archive(std::shared_ptr<LayoutFiles> files,
                                                    const LocalReference& ref,
                                                    const std::string& reference_prefix,
                                                    IHost& host);

}  // namespace mydocker::local
