// The plugin descriptor and export macro. Every plugin shared object exports exactly one
// descriptor under the C symbol name kPluginSymbol; the loader reads abi_version before it
// looks at any other field, so the first member never moves.
//
// Compatibility rule: kAbiVersion changes whenever a change to any header in mydocker/ would
// break a plugin built against the previous headers (a virtual function added, removed or
// reordered, a value type's members changed). Adding a new header or a new free inline helper
// does not change it.
#pragma once

#include <cstdint>

#include "mydocker/host.hpp"
#include "mydocker/image_source.hpp"
#include "mydocker/isolator.hpp"

namespace mydocker {

inline constexpr std::uint32_t kAbiVersion = 5;
inline constexpr const char* kPluginSymbol = "mydocker_plugin_descriptor";

enum class PluginKind : std::uint32_t { source = 1, isolator = 2 };

// The C++ standard library a plugin was built with: C++ objects cross the boundary, so the
// loader refuses a plugin whose library ABI differs from its own.
#if defined(_GLIBCXX_USE_CXX11_ABI)
#define MYDOCKER_CXX_ABI_STRING "libstdc++ cxx11-abi=" MYDOCKER_STR(_GLIBCXX_USE_CXX11_ABI)
#elif defined(_LIBCPP_VERSION)
#define MYDOCKER_CXX_ABI_STRING "libc++ abi=" MYDOCKER_STR(_LIBCPP_ABI_VERSION)
#else
#define MYDOCKER_CXX_ABI_STRING "unknown"
#endif
#define MYDOCKER_STR2(x) #x
#define MYDOCKER_STR(x) MYDOCKER_STR2(x)

extern "C" {
struct PluginDescriptor {
  std::uint32_t abi_version;  // must stay first
  PluginKind kind;
  const char* name;     // what --source= / --isolation= selects
  const char* version;  // the plugin's own version, shown by `mydocker plugins`
  const char* cxx_abi;  // MYDOCKER_CXX_ABI_STRING of the plugin's build
  // Exactly one of these is set, matching kind. The returned object is owned by the caller
  // (deleted through its virtual destructor); the host outlives it.
  IImageSource* (*create_source)(IHost& host);
  IIsolator* (*create_isolator)(IHost& host);
};
}

}  // namespace mydocker

// Defines the exported descriptor. Use once per plugin, at namespace scope:
//   MYDOCKER_SOURCE_PLUGIN("local", "1.0", [](mydocker::IHost& h) -> mydocker::IImageSource* {...})
#define MYDOCKER_PLUGIN_EXPORT extern "C" __attribute__((visibility("default"))) const

#define MYDOCKER_SOURCE_PLUGIN(NAME, VERSION, FACTORY)                               \
  MYDOCKER_PLUGIN_EXPORT ::mydocker::PluginDescriptor mydocker_plugin_descriptor = { \
      ::mydocker::kAbiVersion,                                                       \
      ::mydocker::PluginKind::source,                                                \
      NAME,                                                                          \
      VERSION,                                                                       \
      MYDOCKER_CXX_ABI_STRING,                                                       \
      FACTORY,                                                                       \
      nullptr}

#define MYDOCKER_ISOLATOR_PLUGIN(NAME, VERSION, FACTORY)                             \
  MYDOCKER_PLUGIN_EXPORT ::mydocker::PluginDescriptor mydocker_plugin_descriptor = { \
      ::mydocker::kAbiVersion,                                                       \
      ::mydocker::PluginKind::isolator,                                              \
      NAME,                                                                          \
      VERSION,                                                                       \
      MYDOCKER_CXX_ABI_STRING,                                                       \
      nullptr,                                                                       \
      FACTORY}
