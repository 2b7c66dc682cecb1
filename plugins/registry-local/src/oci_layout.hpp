// Resolving an image in an OCI image layout, a directory or a tar of one (oci-archive).
#pragma once

#include <memory>

#include "layout_files.hpp"
#include "local_reference.hpp"
#include "mydocker/host.hpp"
#include "mydocker/image_source.hpp"

namespace mydocker::local {

// reference_prefix as for choose_oci_entry ("oci:./dir").
std::unique_ptr<IResolvedImage> open_oci_layout(std::shared_ptr<LayoutFiles> files,
                                                const LocalReference& ref,
                                                const std::string& reference_prefix, IHost& host);

}  // namespace mydocker::local
