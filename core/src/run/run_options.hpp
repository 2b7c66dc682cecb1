// What `mydocker run` was asked to do, independent of how the command line spelled it.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "image/image_fetcher.hpp"
#include "mydocker/types.hpp"
#include "run/volumes.hpp"

namespace mydocker {

struct RunOptions {
  FetchRequest image;                // what to run and where it comes from
  std::vector<std::string> command;  // empty: the image's Cmd
  std::string isolation = "pivot_root";
  std::string storage_driver;  // overlay or vfs; empty: overlay where it works
  std::filesystem::path store_root;
  std::vector<std::filesystem::path> plugin_dirs;
  PullProgress* progress = nullptr;  // shows the pull when set

  // The process, as docker's flags change it; what is unset keeps the image's value.
  std::vector<std::string> env_settings;  // --env-file lines, then -e, in order
  std::optional<std::string> entrypoint;  // "" clears the image's
  std::optional<std::string> workdir;
  std::optional<std::string> user;
  std::string hostname;  // empty: the container id's first 12 characters
  std::vector<VolumeSpec> volumes;
  bool interactive = false;  // -i: stdin passed to the container, else /dev/null
  bool tty = false;          // -t: a pseudo-terminal
  bool init = false;
  bool read_only = false;
  std::string network;  // none or host; empty: the isolator's default
  std::vector<std::string> cap_add;
  std::vector<std::string> cap_drop;
  bool seccomp = true;
  ResourceLimits limits;
};

}  // namespace mydocker
