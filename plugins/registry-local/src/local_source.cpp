#include "local_source.hpp"

#include <sys/stat.h>

#include <cerrno>
#include <cstring>

#include "directory_files.hpp"
#include "docker_archive.hpp"
#include "mydocker/errors.hpp"
#include "oci_layout.hpp"
#include "reference.hpp"
#include "tar_files.hpp"

namespace mydocker::local {

namespace {

bool path_exists(const std::string& path) {
  struct stat st {};
  return ::stat(path.c_str(), &st) == 0;
}

std::string prefixed(Transport transport, const std::string& path) {
  return std::string(transport_prefix(transport)) + path;
}

std::string not_an_image(const std::string& path, const std::string& why) {
  return path + ": not a docker-archive or OCI image (" + why + ")";
}

}  // namespace

std::unique_ptr<IResolvedImage> LocalSource::resolve(const ImageRequest& request) {
  const LocalReference ref = parse_reference(request.reference, path_exists);
  struct stat st {};
  if (::stat(ref.path.c_str(), &st) != 0) {
    if (errno == ENOENT || errno == ENOTDIR) throw Error(ref.path + ": no such file or directory");
    throw Error(ref.path + ": " + std::strerror(errno));
  }
  const bool is_dir = S_ISDIR(st.st_mode);
  if (!is_dir && !S_ISREG(st.st_mode)) throw Error(ref.path + ": not a regular file or directory");

  auto oci = [&](std::shared_ptr<LayoutFiles> files, Transport transport) {
    return open_oci_layout(std::move(files), ref, prefixed(transport, ref.path), host_);
  };
  auto docker = [&](std::shared_ptr<LayoutFiles> files) {
    return open_docker_archive(std::move(files), ref, prefixed(Transport::docker_archive, ref.path),
                               host_);
  };

  switch (ref.transport) {
    case Transport::docker_archive: {
      if (is_dir) {
        throw Error(ref.path +
                    ": is a directory; docker-archive: needs a tar file as written by "
                    "docker save or skopeo");
      }
      auto files = std::make_shared<TarFiles>(ref.path);
      if (!files->has_file("manifest.json")) {
        const std::string hint = files->has_file("index.json")
                                     ? "; it looks like an OCI archive: use oci-archive:" + ref.path
                                     : "";
        throw Error(files->label() + ": not a docker-archive (no manifest.json)" + hint);
      }
      return docker(std::move(files));
    }
    // A directory given as oci-archive: or a tar given as oci: leaves no doubt what is meant.
    case Transport::oci:
    case Transport::oci_archive:
      if (is_dir) return oci(std::make_shared<DirectoryFiles>(ref.path), ref.transport);
      return oci(std::make_shared<TarFiles>(ref.path), ref.transport);
    case Transport::detect:
      break;
  }

  if (is_dir) {
    auto files = std::make_shared<DirectoryFiles>(ref.path);
    if (!files->has_file("oci-layout")) {
      throw Error(not_an_image(ref.path, "a directory without an oci-layout file"));
    }
    return oci(std::move(files), Transport::oci);
  }
  auto files = std::make_shared<TarFiles>(ref.path);
  // Docker 25+ archives hold both; their manifest.json names the images with their tags.
  if (files->has_file("manifest.json")) return docker(std::move(files));
  if (files->has_file("index.json")) return oci(std::move(files), Transport::oci_archive);
  throw Error(not_an_image(ref.path, "no manifest.json or index.json found"));
}

}  // namespace mydocker::local
