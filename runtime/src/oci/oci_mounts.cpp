#include "oci_mounts.hpp"

#include <sys/mount.h>

#include <array>
#include <filesystem>

namespace mydocker::runtime::oci {

namespace {

struct FlagOption {
  std::string_view name;
  bool clear;  // the option turns the flag off ("rw" clears MS_RDONLY)
  unsigned long flag;
};

// runc's libcontainer/specconv parseMountOptions table (the options mount(8) knows as flags).
constexpr std::array<FlagOption, 32> kFlagOptions = {{
    {"acl", false, MS_POSIXACL},       {"async", true, MS_SYNCHRONOUS},
    {"atime", true, MS_NOATIME},       {"bind", false, MS_BIND},
    {"dev", true, MS_NODEV},           {"diratime", true, MS_NODIRATIME},
    {"dirsync", false, MS_DIRSYNC},    {"exec", true, MS_NOEXEC},
    {"iversion", false, MS_I_VERSION}, {"lazytime", false, MS_LAZYTIME},
    {"loud", true, MS_SILENT},         {"mand", false, MS_MANDLOCK},
    {"noacl", true, MS_POSIXACL},      {"noatime", false, MS_NOATIME},
    {"nodev", false, MS_NODEV},        {"nodiratime", false, MS_NODIRATIME},
    {"noexec", false, MS_NOEXEC},      {"noiversion", true, MS_I_VERSION},
    {"nolazytime", true, MS_LAZYTIME}, {"nomand", true, MS_MANDLOCK},
    {"norelatime", true, MS_RELATIME}, {"nostrictatime", true, MS_STRICTATIME},
    {"nosuid", false, MS_NOSUID},      {"rbind", false, MS_BIND | MS_REC},
    {"relatime", false, MS_RELATIME},  {"remount", false, MS_REMOUNT},
    {"ro", false, MS_RDONLY},          {"rw", true, MS_RDONLY},
    {"silent", false, MS_SILENT},      {"strictatime", false, MS_STRICTATIME},
    {"suid", true, MS_NOSUID},         {"sync", false, MS_SYNCHRONOUS},
}};

constexpr std::array<std::pair<std::string_view, unsigned long>, 8> kPropagationOptions = {{
    {"private", MS_PRIVATE},
    {"rprivate", MS_PRIVATE | MS_REC},
    {"shared", MS_SHARED},
    {"rshared", MS_SHARED | MS_REC},
    {"slave", MS_SLAVE},
    {"rslave", MS_SLAVE | MS_REC},
    {"unbindable", MS_UNBINDABLE},
    {"runbindable", MS_UNBINDABLE | MS_REC},
}};

// Options that are neither flags nor data. "defaults" means none of the others; tmpcopyup
// (copy the directory's contents into a new tmpfs) is a runc extension this runtime does not
// implement, and the kernel would refuse it as tmpfs data.
constexpr std::array<std::string_view, 2> kIgnoredOptions = {"defaults", "tmpcopyup"};

const FlagOption* flag_option(std::string_view name) {
  for (const auto& option : kFlagOptions) {
    if (option.name == name) return &option;
  }
  return nullptr;
}

bool ignored_option(std::string_view name) {
  for (const auto ignored : kIgnoredOptions) {
    if (ignored == name) return true;
  }
  return false;
}

}  // namespace

std::optional<unsigned long> propagation_flags(std::string_view name) {
  for (const auto& [known, flags] : kPropagationOptions) {
    if (known == name) return flags;
  }
  return std::nullopt;
}

MountOptions parse_mount_options(const std::vector<std::string>& options) {
  MountOptions out;
  for (const auto& option : options) {
    if (const FlagOption* flag = flag_option(option)) {
      if (flag->clear) {
        out.flags &= ~flag->flag;
      } else {
        out.flags |= flag->flag;
      }
    } else if (const auto propagation = propagation_flags(option)) {
      out.propagation = *propagation;
    } else if (!ignored_option(option)) {
      if (!out.data.empty()) out.data += ',';
      out.data += option;
    }
  }
  return out;
}

isolation::MountPlan parse_mount(const JsonField& mount, const std::string& bundle_dir) {
  isolation::MountPlan plan;
  const auto destination = mount.at("destination");
  plan.destination = destination.string();
  if (plan.destination.empty()) destination.fail("must not be empty");
  // runc 1.1 still takes a relative destination as relative to the container's "/".
  if (!plan.destination.starts_with('/')) plan.destination.insert(0, "/");

  if (const auto type = mount.find("type")) plan.type = type->string();
  if (const auto source = mount.find("source")) plan.source = source->string();

  std::vector<std::string> options;
  if (const auto field = mount.find("options")) options = field->strings();
  const MountOptions parsed = parse_mount_options(options);
  plan.flags = parsed.flags;
  plan.propagation = parsed.propagation;
  plan.data = parsed.data;

  if (plan.type == "bind") plan.flags |= MS_BIND;
  if (plan.flags & MS_BIND) {
    plan.type = "bind";
    if (plan.source.empty()) mount.fail_member("source", "is required for a bind mount");
    if (!plan.source.starts_with('/')) {
      plan.source = (std::filesystem::path(bundle_dir) / plan.source).lexically_normal().string();
    }
  }
  return plan;
}

std::vector<isolation::MountPlan> parse_mounts(const JsonField& mounts,
                                               const std::string& bundle_dir) {
  std::vector<isolation::MountPlan> out;
  for (const auto& mount : mounts.elements()) out.push_back(parse_mount(mount, bundle_dir));
  return out;
}

}  // namespace mydocker::runtime::oci
