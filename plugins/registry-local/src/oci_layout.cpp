#include "oci_layout.hpp"

#include "json_util.hpp"
#include "local_image.hpp"
#include "mydocker/errors.hpp"
#include "oci_index.hpp"

namespace mydocker::local {

namespace {

void check_layout_file(LayoutFiles& files, IHost& host) {
  if (!files.has_file("oci-layout")) {
    const std::string hint = files.has_file("manifest.json")
                                 ? " (it looks like a docker-archive: use docker-archive:PATH)"
                                 : "";
    throw Error(files.label() + ": not an OCI image layout (no oci-layout file)" + hint);
  }
  const std::string what = files.label() + ": oci-layout";
  const nlohmann::json doc = parse_json(files.read_small("oci-layout", kMetadataLimit), what);
  if (!doc.is_object()) throw Error(what + " is not a JSON object");
  const std::string version = json_string(doc, "imageLayoutVersion", what, true);
  // Later 1.x versions are compatible by the spec's rules; note it, read on.
  if (version != "1.0.0") {
    host.log(LogLevel::debug, what + ": imageLayoutVersion " + version + ", reading it as 1.0.0");
  }
}

}  // namespace

std::unique_ptr<IResolvedImage> open_oci_layout(std::shared_ptr<LayoutFiles> files,
                                                const LocalReference& ref,
                                                const std::string& reference_prefix, IHost& host) {
  check_layout_file(*files, host);
  // read_small names what is wrong: missing, a FIFO, a symlink, too large.
  const auto entries =
      parse_oci_index(files->read_small("index.json", kMetadataLimit), files->label());
  const OciIndexEntry& entry =
      entries[choose_oci_entry(entries, ref.selector, reference_prefix, files->label())];
  // An entry that is itself an index (multi-platform) is the root as is: the core picks the
  // platform and asks for that manifest by digest, served content-addressed below.
  host.log(LogLevel::debug, files->label() + ": root " + entry.descriptor.digest + " (" +
                                entry.descriptor.media_type + ")");
  auto image =
      std::make_unique<LocalImage>(files, oci_image_name(entry, ref.path), entry.descriptor);
  image->serve_content_addressed();
  return image;
}

}  // namespace mydocker::local
