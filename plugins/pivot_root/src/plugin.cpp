// The descriptor that makes this shared object the isolator "pivot_root".
#include "mydocker/plugin.hpp"
#include "pivot_root_isolator.hpp"

MYDOCKER_ISOLATOR_PLUGIN("pivot_root", "0.1.0", [](mydocker::IHost& host) -> mydocker::IIsolator* {
  return new mydocker::pivot_root::PivotRootIsolator(host);
});
