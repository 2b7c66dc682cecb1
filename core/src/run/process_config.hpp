// How the container's process is made from the image config and the run options, the way
// docker does it: entrypoint + command, environment, working directory.
#pragma once

#include <string>
#include <vector>

#include "image/image_model.hpp"
#include "run/run_options.hpp"

namespace mydocker {

struct ProcessConfig {
  std::vector<std::string> args;
  std::vector<std::string> env;
  std::string cwd;
  std::string user;  // as docker's --user spells it; "" is root
};

inline constexpr const char* kDefaultPath =
    "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

// Throws Error when neither the image nor the command line gives a command, and for a bad
// environment setting or working directory.
ProcessConfig make_process_config(const ImageConfig& image, const RunOptions& options);

}  // namespace mydocker
