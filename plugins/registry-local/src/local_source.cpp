#include "local_source.hpp"

#include <sys/stat.h>

#include <cerrno>
#include <cstring>

#include "directory_files.hpp"
#include "docker_archive.hpp"
#include "docker_manifest.hpp"
#include "local_reference.hpp"
#include "mydocker/errors.hpp"
#include "oci_index.hpp"
#include "oci_layout.hpp"
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

// The files of the image container `ref` names and how to read them, detected when the
// reference does not say.
struct OpenedContainer {
  std::shared_ptr<LayoutFiles> files;
  Transport transport = Transport::detect;  // docker_archive, oci or oci_archive
};

OpenedContainer open_container(const LocalReference& ref) {
  struct stat st {};
  if (::stat(ref.path.c_str(), &st) != 0) {
    if (errno == ENOENT || errno == ENOTDIR) throw Error(ref.path + ": no such file or directory");
    throw Error(ref.path + ": " + std::strerror(errno));
  }
  const bool is_dir = S_ISDIR(st.st_mode);
  if (!is_dir && !S_ISREG(st.st_mode)) throw Error(ref.path + ": not a regular file or directory");

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
      return {std::move(files), Transport::docker_archive};
    }
    // A directory given as oci-archive: or a tar given as oci: leaves no doubt what is meant.
    case Transport::oci:
    case Transport::oci_archive:
      if (is_dir) return {std::make_shared<DirectoryFiles>(ref.path), ref.transport};
      return {std::make_shared<TarFiles>(ref.path), ref.transport};
    case Transport::detect:
      break;
  }

  if (is_dir) {
    auto files = std::make_shared<DirectoryFiles>(ref.path);
    if (!files->has_file("oci-layout")) {
      throw Error(not_an_image(ref.path, "a directory without an oci-layout file"));
    }
    return {std::move(files), Transport::oci};
  }
  auto files = std::make_shared<TarFiles>(ref.path);
  // Docker 25+ archives hold both; their manifest.json names the images with their tags.
  if (files->has_file("manifest.json")) return {std::move(files), Transport::docker_archive};
  if (files->has_file("index.json")) return {std::move(files), Transport::oci_archive};
  throw Error(not_an_image(ref.path, "no manifest.json or index.json found"));
}

}  // namespace

std::unique_ptr<IResolvedImage> LocalSource::resolve(const ImageRequest& request) {
  const LocalReference ref = parse_reference(request.reference, path_exists);
  OpenedContainer opened = open_container(ref);
  const std::string prefix = prefixed(opened.transport, ref.path);
  if (opened.transport == Transport::docker_archive) {
    return open_docker_archive(std::move(opened.files), ref, prefix, host_);
  }
  return open_oci_layout(std::move(opened.files), ref, prefix, host_);
}

std::vector<std::string> LocalSource::list(const ImageRequest& request) {
  const LocalReference ref = parse_reference(request.reference, path_exists);
  if (ref.selector) return {request.reference};  // already names one image
  OpenedContainer opened = open_container(ref);
  const std::string prefix = prefixed(opened.transport, ref.path) + ":";
  std::vector<std::string> out;
  if (opened.transport == Transport::docker_archive) {
    const auto images = parse_docker_manifest(
        opened.files->read_small("manifest.json", kMetadataLimit), opened.files->label());
    for (std::size_t i = 0; i < images.size(); ++i) {
      if (images[i].repo_tags.empty()) out.push_back(prefix + "@" + std::to_string(i));
      for (const auto& tag : images[i].repo_tags) out.push_back(prefix + tag);
    }
  } else {
    const auto entries = parse_oci_index(opened.files->read_small("index.json", kMetadataLimit),
                                         opened.files->label());
    for (const auto& entry : entries) {
      out.push_back(prefix + (entry.ref_name.empty() ? entry.descriptor.digest : entry.ref_name));
    }
  }
  return out;
}

}  // namespace mydocker::local
