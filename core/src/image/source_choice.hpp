// Which image source a reference implies when --source is not given.
#pragma once

#include <string>

namespace mydocker {

// "local" for transport references (docker-archive:, oci:, oci-archive:) and for paths that
// exist or are spelled as paths; "hub" for everything else (registry references).
std::string default_source_for(const std::string& image);

}  // namespace mydocker
