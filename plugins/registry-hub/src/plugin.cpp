// source-hub.so: the descriptor the core's loader reads.
#include "mydocker/plugin.hpp"
#include "hub_source.hpp"

MYDOCKER_SOURCE_PLUGIN("hub", "0.1.0", [](mydocker::IHost& host) -> mydocker::IImageSource* {
  return new mydocker::hub::HubSource(host);
});
