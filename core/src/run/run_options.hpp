// What `mydocker run` was asked to do, independent of how the command line spelled it.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "image/image_fetcher.hpp"

namespace mydocker {

struct RunOptions {
  FetchRequest image;                // what to run and where it comes from
  std::vector<std::string> command;  // empty: the image's Cmd
  std::string isolation = "chroot";
  std::string storage_driver;  // overlay or vfs; empty: overlay where it works
  std::filesystem::path store_root;
  std::vector<std::filesystem::path> plugin_dirs;
  PullProgress* progress = nullptr;  // shows the pull when set
};

}  // namespace mydocker
