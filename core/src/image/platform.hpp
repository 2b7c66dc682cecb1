// Choosing a manifest from an index by platform.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "image/image_model.hpp"

namespace mydocker {

// The platform this binary runs on, in OCI terms (linux/amd64, linux/arm64/v8, ...).
Platform host_platform();

// Parses "os/arch[/variant]"; throws Error on anything else.
Platform parse_platform_string(std::string_view text);

std::string to_string(const Platform& p);

// The first index entry matching `wanted` (an empty variant in `wanted` matches any variant;
// arm64's "v8" and an absent variant are the same). Throws Error listing the platforms the
// index has when none matches.
const ImageIndex::Entry& select_platform(const ImageIndex& index, const Platform& wanted,
                                         std::string_view image_name);

}  // namespace mydocker
