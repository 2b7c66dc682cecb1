// Docker image names as they appear in RepoTags and as users type them.
#pragma once

#include <string>
#include <string_view>

namespace mydocker::local {

// The fully qualified form Docker would use: "busybox" -> "docker.io/library/busybox:latest",
// "me/app:1" -> "docker.io/me/app:1", "localhost:5000/x" -> "localhost:5000/x:latest".
std::string qualify_image_name(std::string_view name);

// True when both name the same image once qualified, so "busybox:latest" matches a RepoTag
// written "docker.io/library/busybox:latest" and the other way round.
bool image_names_match(std::string_view a, std::string_view b);

}  // namespace mydocker::local
