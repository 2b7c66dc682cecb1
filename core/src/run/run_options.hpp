// What `mydocker run` was asked to do, independent of how the command line spelled it.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace mydocker {

struct RunOptions {
  std::string image;
  std::vector<std::string> command;  // empty: the image's Cmd
  std::string source;                // empty: chosen from the reference
  std::string isolation = "chroot";
  std::string platform;  // empty: the host's
  std::filesystem::path store_root;
  std::vector<std::filesystem::path> plugin_dirs;
};

}  // namespace mydocker
