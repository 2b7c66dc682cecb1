// The descriptor that makes this shared object the image source "local".
#include "mydocker/plugin.hpp"
#include "local_source.hpp"

MYDOCKER_SOURCE_PLUGIN("local", "0.1.0", [](mydocker::IHost& host) -> mydocker::IImageSource* {
  return new mydocker::local::LocalSource(host);
});
