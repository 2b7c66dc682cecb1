// Shell completion scripts for `mydocker completion bash|zsh|fish`, generated from the command
// tree. Image arguments complete from `mydocker images --format '{{.Repository}}:{{.Tag}}'`
// (nothing when that fails) and from files, since a path is an image too.
#pragma once

#include <string>

#include "cli/completion_tree.hpp"

namespace mydocker {

std::string bash_completion(const CompletionCommand& root);
std::string zsh_completion(const CompletionCommand& root);
std::string fish_completion(const CompletionCommand& root);

}  // namespace mydocker
