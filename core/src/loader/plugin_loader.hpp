// Finding, checking and opening plugin shared objects.
//
// A plugin file is named KIND-NAME.so (source-local.so, isolator-chroot.so), so opening the
// plugin a command needs is one stat per search directory; only listing opens them all. The
// descriptor inside still decides: its ABI version, C++ library ABI, kind and name are checked
// before anything else in the file is used.
#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "mydocker/plugin.hpp"

namespace mydocker {

struct PluginInfo {
  std::string name;
  PluginKind kind;
  std::string version;
  std::filesystem::path path;
};

// One entry of a plugin listing: a plugin that loaded, or a file that was refused and why.
struct PluginListing {
  std::vector<PluginInfo> plugins;
  std::vector<std::string> problems;
};

std::string_view to_string(PluginKind kind);

class PluginLoader {
 public:
  // Directories in search order; the first file found for a name wins.
  explicit PluginLoader(std::vector<std::filesystem::path> search_dirs);

  // The default search order: --plugin-dir values, MYDOCKER_PLUGIN_PATH, the build/install
  // tree next to the running executable, then the install prefix.
  static std::vector<std::filesystem::path> default_search_dirs(
      const std::vector<std::filesystem::path>& plugin_dirs);

  const std::vector<std::filesystem::path>& search_dirs() const { return dirs_; }

  // The shared object stays loaded until the process exits (see keep_loaded_until_exit).
  std::shared_ptr<IImageSource> open_source(const std::string& name, IHost& host) const;
  std::shared_ptr<IIsolator> open_isolator(const std::string& name, IHost& host) const;

  PluginListing list() const;

 private:
  // Every file for the plugin, in search order: the first one is used.
  std::vector<std::filesystem::path> candidates(PluginKind kind, const std::string& name) const;
  std::filesystem::path find(PluginKind kind, const std::string& name) const;
  struct Opened {
    const PluginDescriptor& descriptor;
    std::filesystem::path path;
  };
  Opened open(PluginKind kind, const std::string& name) const;
  std::vector<std::string> available_names(PluginKind kind) const;

  std::vector<std::filesystem::path> dirs_;
};

}  // namespace mydocker
