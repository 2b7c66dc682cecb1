// config.json's mounts as MountPlans: each option string becomes an MS_* flag, a propagation
// change or file-system data, by runc's table, so a bundle mounts the same under both runtimes.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "container_plan.hpp"
#include "oci_json.hpp"

namespace mydocker::runtime::oci {

struct MountOptions {
  unsigned long flags = 0;
  unsigned long propagation = 0;
  std::string data;  // the options mount(2) gets as data, comma-separated in their order
};

// "rprivate" -> MS_PRIVATE | MS_REC and the seven others; nothing for any other name.
std::optional<unsigned long> propagation_flags(std::string_view name);

// Flags set and cleared in order ("ro" then "rw" is read-write); of several propagation options
// the last one is kept; anything not in runc's table is data ("mode=755", "size=65536k").
MountOptions parse_mount_options(const std::vector<std::string>& options);

// One entry of mounts. A bind (type "bind", or option bind/rbind) has type "bind" and MS_BIND
// set, and a relative source is taken in `bundle_dir` (runc runs in the bundle).
isolation::MountPlan parse_mount(const JsonField& mount, const std::string& bundle_dir);

std::vector<isolation::MountPlan> parse_mounts(const JsonField& mounts,
                                               const std::string& bundle_dir);

}  // namespace mydocker::runtime::oci
