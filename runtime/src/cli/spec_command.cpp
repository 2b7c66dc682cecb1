#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <memory>
#include <nlohmann/json.hpp>

#include "cli/commands.hpp"
#include "mydocker/errors.hpp"
#include "mydocker/unique_fd.hpp"

namespace mydocker::runtime {

namespace {

// runc spec's template: `sh` on a terminal in a read-only rootfs/, few capabilities, new
// namespaces but the user's, the usual /proc /dev /sys mounts and masked paths.
nlohmann::json default_config() {
  const auto caps = nlohmann::json::array({"CAP_AUDIT_WRITE", "CAP_KILL", "CAP_NET_BIND_SERVICE"});
  const auto mount = [](const char* destination, const char* type, const char* source,
                        std::vector<std::string> options) {
    nlohmann::json m = {{"destination", destination}, {"type", type}, {"source", source}};
    if (!options.empty()) m["options"] = options;
    return m;
  };
  nlohmann::json namespaces = nlohmann::json::array();
  for (const char* type : {"pid", "network", "ipc", "uts", "mount", "cgroup"}) {
    namespaces.push_back({{"type", type}});
  }
  return {
      {"ociVersion", "1.0.2"},
      {"process",
       {{"terminal", true},
        {"user", {{"uid", 0}, {"gid", 0}}},
        {"args", {"sh"}},
        {"env",
         {"PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "TERM=xterm"}},
        {"cwd", "/"},
        {"capabilities",
         {{"bounding", caps}, {"effective", caps}, {"permitted", caps}, {"ambient", caps}}},
        {"rlimits", {{{"type", "RLIMIT_NOFILE"}, {"hard", 1024}, {"soft", 1024}}}},
        {"noNewPrivileges", true}}},
      {"root", {{"path", "rootfs"}, {"readonly", true}}},
      {"hostname", "mydocker"},
      {"mounts",
       {mount("/proc", "proc", "proc", {}),
        mount("/dev", "tmpfs", "tmpfs", {"nosuid", "strictatime", "mode=755", "size=65536k"}),
        mount("/dev/pts", "devpts", "devpts",
              {"nosuid", "noexec", "newinstance", "ptmxmode=0666", "mode=0620", "gid=5"}),
        mount("/dev/shm", "tmpfs", "shm",
              {"nosuid", "noexec", "nodev", "mode=1777", "size=65536k"}),
        mount("/dev/mqueue", "mqueue", "mqueue", {"nosuid", "noexec", "nodev"}),
        mount("/sys", "sysfs", "sysfs", {"nosuid", "noexec", "nodev", "ro"}),
        mount("/sys/fs/cgroup", "cgroup", "cgroup",
              {"nosuid", "noexec", "nodev", "relatime", "ro"})}},
      {"linux",
       {{"resources", {{"devices", {{{"allow", false}, {"access", "rwm"}}}}}},
        {"namespaces", namespaces},
        {"maskedPaths",
         {"/proc/acpi", "/proc/asound", "/proc/kcore", "/proc/keys", "/proc/latency_stats",
          "/proc/timer_list", "/proc/timer_stats", "/proc/sched_debug", "/sys/firmware",
          "/proc/scsi"}},
        {"readonlyPaths",
         {"/proc/bus", "/proc/fs", "/proc/irq", "/proc/sys", "/proc/sysrq-trigger"}}}},
  };
}

}  // namespace

CommandAction add_spec_command(CLI::App& app) {
  auto* command = app.add_subcommand("spec", "Write a default config.json into the bundle");
  auto bundle = std::make_shared<std::string>(".");
  command->add_option("--bundle,-b", *bundle, "Bundle directory")->capture_default_str();
  return [bundle] {
    const std::string path = *bundle + "/config.json";
    // O_EXCL: never overwrite a config someone wrote.
    UniqueFd fd(::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644));
    if (!fd && errno == EEXIST) throw Error("file " + path + " exists: remove it first");
    if (!fd) throw Error("cannot create " + path + ": " + std::strerror(errno));
    const std::string text = default_config().dump(2) + "\n";
    if (::write(fd.get(), text.data(), text.size()) != static_cast<ssize_t>(text.size())) {
      throw Error("cannot write " + path + ": " + std::strerror(errno));
    }
    return 0;
  };
}

}  // namespace mydocker::runtime
