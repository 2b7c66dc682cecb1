// Which image source a reference implies when --source is not given.
#pragma once

#include <string>

namespace mydocker {

// "local" for transport references (docker-archive:, oci:, oci-archive:), for paths spelled as
// paths (/..., ./..., ../...) and for names of archives (x.tar, x.tar.gz, ...); "hub" for
// every other word, as docker reads it: an image name, whatever files exist.
std::string default_source_for(const std::string& image);

}  // namespace mydocker
