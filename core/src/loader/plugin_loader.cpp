#include "loader/plugin_loader.hpp"

#include <spdlog/spdlog.h>
#include <unistd.h>

#include <algorithm>
#include <boost/dll/shared_library.hpp>
#include <cstdlib>
#include <set>

#include "mydocker/errors.hpp"

namespace mydocker {

namespace {

namespace fs = std::filesystem;
using Library = boost::dll::shared_library;

std::string file_prefix(PluginKind kind) { return std::string(to_string(kind)) + "-"; }

// An exception thrown by plugin code has its type info and vtable in the plugin; it may still
// be propagating after the object that threw is gone. So no plugin is unloaded before exit.
void keep_loaded_until_exit(const std::shared_ptr<Library>& library) {
  static std::vector<std::shared_ptr<Library>> loaded;
  loaded.push_back(library);
}

// Loads a plugin file and checks its descriptor before anything else in it is used.
const PluginDescriptor& open_plugin_file(const fs::path& path) {
  auto library = std::make_shared<Library>();
  try {
    library->load(path, boost::dll::load_mode::rtld_now | boost::dll::load_mode::rtld_local);
  } catch (const std::exception& e) {
    throw Error("plugin " + path.string() + " cannot be loaded: " + e.what());
  }
  if (!library->has(kPluginSymbol)) {
    throw Error("plugin " + path.string() + " is not a mydocker plugin (no symbol " +
                kPluginSymbol + ")");
  }
  const auto& d = library->get<const PluginDescriptor>(kPluginSymbol);
  if (d.abi_version != kAbiVersion) {
    throw Error("plugin " + path.string() + " was built for plugin ABI version " +
                std::to_string(d.abi_version) + ", this mydocker needs version " +
                std::to_string(kAbiVersion) + ": rebuild it against this SDK");
  }
  if (d.cxx_abi == nullptr || std::string_view(d.cxx_abi) != MYDOCKER_CXX_ABI_STRING) {
    throw Error("plugin " + path.string() + " was built with C++ library ABI \"" +
                (d.cxx_abi ? d.cxx_abi : "?") + "\", this mydocker with \"" +
                MYDOCKER_CXX_ABI_STRING + "\": rebuild it with a compatible compiler");
  }
  const bool kind_ok = (d.kind == PluginKind::source && d.create_source != nullptr) ||
                       (d.kind == PluginKind::isolator && d.create_isolator != nullptr);
  if (!kind_ok || d.name == nullptr || *d.name == '\0' || d.version == nullptr) {
    throw Error("plugin " + path.string() + " has an incomplete descriptor");
  }
  keep_loaded_until_exit(library);
  return d;
}

// Calls the factory; a factory that throws or returns nothing is refused naming the file.
template <typename T>
std::shared_ptr<T> instantiate(T* (*factory)(IHost&), IHost& host, const fs::path& path) {
  T* object = nullptr;
  try {
    object = factory(host);
  } catch (const std::exception& e) {
    throw Error("plugin " + path.string() + " failed to start: " + e.what());
  }
  if (object == nullptr) throw Error("plugin " + path.string() + " failed to start");
  return std::shared_ptr<T>(object);
}

fs::path executable_dir() {
  std::error_code ec;
  fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  return ec ? fs::path() : exe.parent_path();
}

}  // namespace

std::string_view to_string(PluginKind kind) {
  return kind == PluginKind::source ? "source" : "isolator";
}

PluginLoader::PluginLoader(std::vector<fs::path> search_dirs) : dirs_(std::move(search_dirs)) {}

std::vector<fs::path> PluginLoader::default_search_dirs(const std::vector<fs::path>& plugin_dirs) {
  std::vector<fs::path> dirs = plugin_dirs;
  if (const char* env = std::getenv("MYDOCKER_PLUGIN_PATH"); env != nullptr) {
    std::string_view rest = env;
    while (!rest.empty()) {
      const auto colon = rest.find(':');
      const auto part = rest.substr(0, colon);
      if (!part.empty()) dirs.emplace_back(part);
      rest = colon == std::string_view::npos ? std::string_view() : rest.substr(colon + 1);
    }
  }
  if (auto exe_dir = executable_dir(); !exe_dir.empty()) {
    dirs.push_back(exe_dir.parent_path() / MYDOCKER_PLUGIN_SUBDIR);
  }
  dirs.push_back(fs::path(MYDOCKER_INSTALL_PREFIX) / MYDOCKER_PLUGIN_SUBDIR);
  // The same directory reached twice (the build tree is the install prefix) is searched once.
  std::vector<fs::path> unique;
  for (auto& dir : dirs) {
    auto norm = dir.lexically_normal();
    if (std::find(unique.begin(), unique.end(), norm) == unique.end()) unique.push_back(norm);
  }
  return unique;
}

std::vector<fs::path> PluginLoader::candidates(PluginKind kind, const std::string& name) const {
  const auto file = file_prefix(kind) + name + ".so";
  std::vector<fs::path> found;
  for (const auto& dir : dirs_) {
    std::error_code ec;
    if (fs::is_regular_file(dir / file, ec)) found.push_back(dir / file);
  }
  return found;
}

fs::path PluginLoader::find(PluginKind kind, const std::string& name) const {
  if (auto found = candidates(kind, name); !found.empty()) return found.front();
  std::string known;
  for (const auto& n : available_names(kind)) known += (known.empty() ? "" : ", ") + n;
  throw Error(std::string(kind == PluginKind::source ? "--source" : "--isolation") + " \"" + name +
              "\" is not available (available: " + (known.empty() ? "none" : known) +
              "; searched " + std::to_string(dirs_.size()) + " plugin directories)");
}

std::vector<std::string> PluginLoader::available_names(PluginKind kind) const {
  std::set<std::string> names;
  const auto prefix = file_prefix(kind);
  for (const auto& dir : dirs_) {
    std::error_code ec;
    for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
      const auto file = it->path().filename().string();
      if (file.starts_with(prefix) && file.ends_with(".so")) {
        names.insert(file.substr(prefix.size(), file.size() - prefix.size() - 3));
      }
    }
  }
  return {names.begin(), names.end()};
}

PluginLoader::Opened PluginLoader::open(PluginKind kind, const std::string& name) const {
  auto path = find(kind, name);
  const auto& d = open_plugin_file(path);
  if (d.kind != kind || name != d.name) {
    throw Error("plugin " + path.string() + " is the " + std::string(to_string(d.kind)) + " \"" +
                d.name + "\", not the " + std::string(to_string(kind)) + " \"" + name + "\"");
  }
  // Another file for the same plugin further down the search path is shadowed: say which won.
  std::string shadowed;
  const auto all = candidates(kind, name);
  for (std::size_t i = 1; i < all.size(); ++i) {
    shadowed += (shadowed.empty() ? "" : ", ") + all[i].string();
  }
  if (shadowed.empty()) {
    spdlog::debug("{} {} from {}", to_string(kind), name, path.string());
  } else {
    spdlog::info("{} {} from {} (shadows {})", to_string(kind), name, path.string(), shadowed);
  }
  return {d, std::move(path)};
}

std::shared_ptr<IImageSource> PluginLoader::open_source(const std::string& name,
                                                        IHost& host) const {
  const auto plugin = open(PluginKind::source, name);
  return instantiate(plugin.descriptor.create_source, host, plugin.path);
}

std::shared_ptr<IIsolator> PluginLoader::open_isolator(const std::string& name, IHost& host) const {
  const auto plugin = open(PluginKind::isolator, name);
  return instantiate(plugin.descriptor.create_isolator, host, plugin.path);
}

PluginListing PluginLoader::list() const {
  PluginListing listing;
  std::set<std::string> seen;  // kind/name pairs: an earlier directory shadows a later one
  for (const auto& dir : dirs_) {
    std::error_code ec;
    std::vector<fs::path> files;
    for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
      if (it->path().extension() == ".so") files.push_back(it->path());
    }
    std::sort(files.begin(), files.end());
    for (const auto& file : files) {
      try {
        const auto& d = open_plugin_file(file);
        const auto key = std::string(to_string(d.kind)) + "/" + d.name;
        if (!seen.insert(key).second) {
          listing.problems.push_back(file.string() + ": " + std::string(to_string(d.kind)) + " \"" +
                                     d.name + "\" is shadowed by an earlier one");
          continue;
        }
        listing.plugins.push_back({d.name, d.kind, d.version, file});
      } catch (const Error& e) {
        listing.problems.push_back(e.what());
      }
    }
  }
  return listing;
}

}  // namespace mydocker
