#include "image/platform.hpp"

#include <sys/utsname.h>

#include "mydocker/errors.hpp"

namespace mydocker {

namespace {

std::string normalised_variant(const Platform& p) {
  if (p.architecture == "arm64" && p.variant == "v8") return {};
  return p.variant;
}

bool matches(const Platform& have, const Platform& wanted) {
  if (have.os != wanted.os || have.architecture != wanted.architecture) return false;
  return wanted.variant.empty() || normalised_variant(have) == normalised_variant(wanted);
}

}  // namespace

Platform host_platform() {
  Platform p{"linux", "", ""};
  struct utsname u {};
  ::uname(&u);
  const std::string machine = u.machine;
  if (machine == "x86_64") {
    p.architecture = "amd64";
  } else if (machine == "aarch64") {
    p.architecture = "arm64";
  } else if (machine.starts_with("armv7")) {
    p.architecture = "arm";
    p.variant = "v7";
  } else if (machine == "i686" || machine == "i386") {
    p.architecture = "386";
  } else {
    p.architecture = machine;  // ppc64le, s390x, riscv64 use their uname names
  }
  return p;
}

Platform parse_platform_string(std::string_view text) {
  Platform p;
  std::string parts[3];
  int n = 0;
  for (char c : text) {
    if (c == '/') {
      if (++n > 2) break;
    } else {
      parts[n] += c;
    }
  }
  if (n > 2 || n < 1 || parts[0].empty() || parts[1].empty() || (n == 2 && parts[2].empty())) {
    throw Error("invalid platform \"" + std::string(text) +
                "\": expected os/architecture[/variant], e.g. linux/amd64");
  }
  p.os = parts[0];
  p.architecture = parts[1];
  p.variant = parts[2];
  return p;
}

std::string to_string(const Platform& p) {
  std::string s = p.os + "/" + p.architecture;
  if (!p.variant.empty()) s += "/" + p.variant;
  return s;
}

const ImageIndex::Entry& select_platform(const ImageIndex& index, const Platform& wanted,
                                         std::string_view image_name) {
  for (const auto& entry : index.manifests) {
    if (matches(entry.platform, wanted)) return entry;
  }
  std::string have;
  for (const auto& entry : index.manifests) {
    if (entry.platform.os.empty()) continue;  // attestations and the like
    have += (have.empty() ? "" : ", ") + to_string(entry.platform);
  }
  throw Error("image " + std::string(image_name) + " has no variant for platform " +
              to_string(wanted) + " (it has: " + (have.empty() ? "none" : have) + ")");
}

}  // namespace mydocker
