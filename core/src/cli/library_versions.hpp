// What `mydocker version` reports about the build: the versions of the libraries in use.
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace mydocker {

// The commit the binary was built from ("" outside a git checkout), with "-dirty" when the
// tree had changes.
std::string build_git_commit();

// Library name and version, in a fixed order. Shared libraries report the version loaded at
// run time; header-only ones the version compiled in.
std::vector<std::pair<std::string, std::string>> library_versions();

}  // namespace mydocker
