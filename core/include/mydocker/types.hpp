// Value types exchanged between the core and plugins.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace mydocker {

// OCI/Docker media types the core understands. Sources report what the bytes are; the core
// parses manifests, indexes and configs, so no plugin needs a JSON model of its own.
namespace media_type {
inline constexpr const char* kOciManifest = "application/vnd.oci.image.manifest.v1+json";
inline constexpr const char* kOciIndex = "application/vnd.oci.image.index.v1+json";
inline constexpr const char* kOciConfig = "application/vnd.oci.image.config.v1+json";
inline constexpr const char* kOciLayer = "application/vnd.oci.image.layer.v1.tar";
inline constexpr const char* kOciLayerGzip = "application/vnd.oci.image.layer.v1.tar+gzip";
inline constexpr const char* kOciLayerZstd = "application/vnd.oci.image.layer.v1.tar+zstd";
inline constexpr const char* kDockerManifest =
    "application/vnd.docker.distribution.manifest.v2+json";
inline constexpr const char* kDockerManifestList =
    "application/vnd.docker.distribution.manifest.list.v2+json";
inline constexpr const char* kDockerConfig = "application/vnd.docker.container.image.v1+json";
inline constexpr const char* kDockerLayerGzip = "application/vnd.docker.image.rootfs.diff.tar.gzip";
}  // namespace media_type

// A pointer to content: what it is, its digest ("sha256:<64 hex>") and its size in bytes.
// A size of -1 means "not known in advance"; the content store then checks only the digest.
struct Descriptor {
  std::string media_type;
  std::string digest;
  std::int64_t size = -1;
  std::vector<std::string> urls;  // foreign locations (non-distributable layers)
  std::map<std::string, std::string> annotations;
};

// A registry image reference in Docker's grammar, already validated and normalised by the
// core: "alpine" arrives as {docker.io, library/alpine, latest, ""}.
struct RegistryReference {
  std::string registry;    // "docker.io", "localhost:5000"
  std::string repository;  // "library/alpine"
  std::string tag;         // empty when only a digest was given
  std::string digest;      // "" or "sha256:<hex>"
};

// What a source is asked to resolve.
struct ImageRequest {
  std::string reference;  // exactly as the user gave it
  // Set when `reference` is a valid registry reference. A registry source uses these parts
  // and never parses the string itself; when they are absent, `reference_error` says why.
  bool is_registry_reference = false;
  RegistryReference registry_reference;
  std::string reference_error;
};

// os/architecture/variant as in the OCI image index.
struct Platform {
  std::string os;
  std::string architecture;
  std::string variant;
};

// Limits for the container's cgroup; 0 means "no limit".
struct ResourceLimits {
  std::int64_t memory_bytes = 0;  // memory, swap included: an overrun is an OOM kill
  std::int64_t pids = 0;          // tasks (processes and threads) at once
  double cpus = 0;                // CPU time per wall-clock second, e.g. 0.5 or 2
};

// Everything an isolator needs to start the container's process. The core has already
// assembled `rootfs` (volumes and /etc/hostname, /etc/hosts, /etc/resolv.conf bound in) and
// resolved the command; the isolator only isolates and execs. An isolator that cannot honour
// a field set away from its default refuses the spec with an Error naming the flag.
struct ContainerSpec {
  std::string id;                 // unique per run, lowercase hex: names the cgroup, say
  std::string rootfs;             // absolute host path of the prepared root filesystem
  std::string executable;         // path to exec inside the rootfs (PATH already searched)
  std::vector<std::string> args;  // argv, args[0] as the user gave it
  std::vector<std::string> env;   // KEY=VALUE, exactly the container's environment
  std::string cwd = "/";          // inside the container
  std::string hostname;           // empty: the isolator's default
  std::uint32_t uid = 0;
  std::uint32_t gid = 0;
  std::vector<std::uint32_t> additional_gids;
  int stdin_fd = 0;  // host fds that become the container's 0, 1 and 2
  int stdout_fd = 1;
  int stderr_fd = 2;
  // -t: the isolator opens a new pseudo-terminal as the container sees /dev/ptmx, sized
  // tty_rows x tty_cols (0: unknown), makes its slave the process's stdin, stdout, stderr and
  // controlling terminal (the three fds above are then unused), and sends the master to
  // console_socket_fd (SCM_RIGHTS) before exec. open_container_terminal() does all of it.
  bool tty = false;
  int console_socket_fd = -1;
  std::uint16_t tty_rows = 0;
  std::uint16_t tty_cols = 0;
  bool init = false;  // run a minimal init as PID 1 that reaps zombies and forwards signals
  bool read_only_rootfs = false;
  std::string network;  // "none" (only loopback) or "host"; empty: the isolator's default
  // Capability names as the user gave them ("NET_ADMIN", "CAP_SYS_TIME", "ALL"), applied to
  // the isolator's default set: drops first, then adds.
  std::vector<std::string> cap_add;
  std::vector<std::string> cap_drop;
  bool seccomp = true;  // false: --security-opt seccomp=unconfined
  ResourceLimits limits;
  std::map<std::string, std::string> options;  // isolator-specific settings
};

}  // namespace mydocker
