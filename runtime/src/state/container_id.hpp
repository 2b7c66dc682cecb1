// Container IDs name directories under the state root, so they are checked before any path is
// built from them.
#pragma once

#include <string>

namespace mydocker::runtime {

// Throws mydocker::Error unless `id` is non-empty, of [A-Za-z0-9_.+-] only, and not "." or
// "..": no '/' can reach a path, no ID can name the root or its parent.
void validate_container_id(const std::string& id);

}  // namespace mydocker::runtime
