#include "bundle.hpp"

#include <sched.h>
#include <sys/stat.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <system_error>

#include "mydocker/errors.hpp"
#include "oci_hooks.hpp"
#include "oci_json.hpp"
#include "oci_linux.hpp"
#include "oci_mounts.hpp"
#include "oci_process.hpp"
#include "oci_seccomp.hpp"

namespace mydocker::runtime {

namespace {

namespace fs = std::filesystem;

// The bundle as runc sees it after chdir'ing into it: absolute, without symlinks.
std::string resolved_bundle(const std::string& bundle_dir) {
  std::error_code error;
  const fs::path resolved = fs::canonical(bundle_dir, error);
  if (error) throw Error("cannot resolve the bundle " + bundle_dir + ": " + error.message());
  return resolved.string();
}

std::string absolute_path(const std::string& path) {
  std::error_code error;
  const fs::path absolute = fs::absolute(path, error);
  return error ? path : absolute.lexically_normal().string();
}

// root.path: relative to the bundle; like runc, a symlink is refused rather than followed (the
// state and the hooks report it as the container's rootfs).
std::string parse_rootfs(const oci::JsonField& root, const std::string& bundle) {
  const auto path = root.at("path");
  const std::string given = path.string();
  if (given.empty()) path.fail("must not be empty");
  std::string rootfs = (fs::path(bundle) / given).lexically_normal().string();
  if (rootfs.size() > 1 && rootfs.ends_with('/')) rootfs.pop_back();
  struct stat st {};
  if (::lstat(rootfs.c_str(), &st) != 0) {
    path.fail("leads to " + rootfs + ", which cannot be used: " + std::strerror(errno));
  }
  if (S_ISLNK(st.st_mode)) path.fail("leads to " + rootfs + ", a symbolic link; give its target");
  if (!S_ISDIR(st.st_mode)) path.fail("leads to " + rootfs + ", which is not a directory");
  return rootfs;
}

// hostname and domainname change the UTS namespace: only one of the container's own.
void parse_uts_names(const oci::JsonField& config, isolation::ContainerPlan& plan) {
  if (const auto hostname = config.find("hostname")) plan.hostname = hostname->string();
  if (const auto domainname = config.find("domainname")) plan.domainname = domainname->string();
  const bool private_uts = oci::has_namespace(plan, CLONE_NEWUTS);
  if (!plan.hostname.empty() && !private_uts) {
    throw Error("config.json: unable to set hostname without a private UTS namespace");
  }
  if (!plan.domainname.empty() && !private_uts) {
    throw Error("config.json: unable to set domainname without a private UTS namespace");
  }
}

}  // namespace

Bundle load_bundle(const std::string& bundle_dir, const std::string& id) {
  const std::string named = absolute_path(bundle_dir);
  const nlohmann::json document =
      oci::read_json_file((fs::path(named) / "config.json").string(), "config.json in " + named);
  const oci::JsonField config(document, "config.json");
  if (!document.is_object()) config.fail("must be a JSON object");

  Bundle bundle;
  bundle.path = resolved_bundle(named);
  if (const auto version = config.find("ociVersion")) bundle.oci_version = version->string();
  if (const auto annotations = config.find("annotations")) {
    bundle.annotations = annotations->string_map();
  }

  isolation::ContainerPlan& plan = bundle.plan;
  plan.id = id;
  const auto root = config.at("root");
  bundle.rootfs = parse_rootfs(root, bundle.path);
  plan.rootfs = bundle.rootfs;
  if (const auto readonly = root.find("readonly")) plan.readonly_root = readonly->boolean();

  plan.process = oci::parse_process(config.at("process"));
  if (const auto mounts = config.find("mounts"))
    plan.mounts = oci::parse_mounts(*mounts, bundle.path);
  if (const auto hooks = config.find("hooks")) oci::parse_hooks(*hooks, bundle.hooks, plan);
  if (const auto linux_section = config.find("linux")) {
    oci::parse_linux(*linux_section, plan);
    if (const auto seccomp = linux_section->find("seccomp")) {
      plan.process.seccomp = oci::compile_seccomp(*seccomp);
    }
  }
  parse_uts_names(config, plan);
  return bundle;
}

isolation::ProcessPlan load_process_file(const std::string& path,
                                         const isolation::ContainerPlan& container) {
  const nlohmann::json document = oci::read_json_file(path, path);
  const oci::JsonField process(document, path);
  if (!document.is_object()) process.fail("must be a JSON object (a runtime-spec process)");
  return oci::parse_exec_process(process, container.process);
}

}  // namespace mydocker::runtime
