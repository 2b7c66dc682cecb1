#include "oci_index.hpp"

#include <cctype>
#include <filesystem>

#include "image_name.hpp"
#include "json_util.hpp"
#include "mydocker/digest.hpp"
#include "mydocker/errors.hpp"

namespace mydocker::local {

namespace {

std::string choices(const std::vector<OciIndexEntry>& entries, const std::string& prefix) {
  std::string out;
  for (const auto& e : entries) {
    if (!out.empty()) out += ", ";
    out += prefix + ":" + (e.ref_name.empty() ? e.descriptor.digest : e.ref_name);
  }
  return out;
}

// The layout's own name: "busybox-oci" for "./images/busybox-oci/" or "busybox-oci.tar";
// empty unless it is usable as an image repository name.
std::string layout_basename(std::string_view layout_path) {
  namespace fs = std::filesystem;
  fs::path p = fs::path(layout_path).lexically_normal();
  if (p.filename().empty()) p = p.parent_path();
  if (p.filename() == "." || p.filename() == ".." || p.empty()) {
    std::error_code ec;
    p = fs::absolute(p, ec).lexically_normal();
    if (p.filename().empty()) p = p.parent_path();
  }
  std::string name = p.filename().string();
  for (std::string_view ext : {".tar", ".tar.gz", ".tgz"}) {
    if (name.size() > ext.size() && name.ends_with(ext)) {
      name.resize(name.size() - ext.size());
      break;
    }
  }
  for (char& c : name) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    const bool ok =
        (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
    if (!ok) return {};
  }
  if (name.empty() || !std::isalnum(static_cast<unsigned char>(name.front()))) return {};
  return name;
}

}  // namespace

std::vector<OciIndexEntry> parse_oci_index(std::string_view text, const std::string& label) {
  const std::string what = label + ": index.json";
  const nlohmann::json doc = parse_json(text, what);
  if (!doc.is_object()) throw Error(what + " is not a JSON object");
  auto manifests = doc.find("manifests");
  if (manifests == doc.end() || !manifests->is_array()) {
    throw Error(what + ": \"manifests\" must be an array");
  }
  std::vector<OciIndexEntry> entries;
  for (const auto& m : *manifests) {
    const std::string entry_what = what + " entry " + std::to_string(entries.size() + 1);
    if (!m.is_object()) throw Error(entry_what + " is not a JSON object");
    OciIndexEntry e;
    e.descriptor.media_type = json_string(m, "mediaType", entry_what, false);
    e.descriptor.digest = json_string(m, "digest", entry_what, true);
    if (!is_valid_digest(e.descriptor.digest)) {
      throw Error(entry_what + " has an invalid digest \"" + e.descriptor.digest +
                  "\" (expected sha256:<64 lowercase hex digits>)");
    }
    auto size = m.find("size");
    if (size == m.end() || !size->is_number_integer() || size->get<std::int64_t>() < 0) {
      throw Error(entry_what + ": \"size\" must be a non-negative integer");
    }
    e.descriptor.size = size->get<std::int64_t>();
    if (auto ann = m.find("annotations"); ann != m.end() && ann->is_object()) {
      for (const auto& [key, value] : ann->items()) {
        if (value.is_string()) e.descriptor.annotations[key] = value.get<std::string>();
      }
    }
    if (auto it = e.descriptor.annotations.find(kRefNameAnnotation);
        it != e.descriptor.annotations.end()) {
      e.ref_name = it->second;
    }
    if (auto it = e.descriptor.annotations.find(kContainerdNameAnnotation);
        it != e.descriptor.annotations.end()) {
      e.image_name = it->second;
    }
    entries.push_back(std::move(e));
  }
  if (entries.empty()) throw Error(what + " lists no images");
  return entries;
}

std::size_t choose_oci_entry(const std::vector<OciIndexEntry>& entries,
                             const std::optional<std::string>& selector,
                             const std::string& reference_prefix, const std::string& label) {
  if (!selector) {
    if (entries.size() == 1) return 0;
    throw Error(label + " holds " + std::to_string(entries.size()) +
                " images, choose one: " + choices(entries, reference_prefix));
  }
  auto find_one = [&](auto&& matches) -> std::optional<std::size_t> {
    std::optional<std::size_t> found;
    for (std::size_t i = 0; i < entries.size(); ++i) {
      if (!matches(entries[i])) continue;
      if (found) {
        throw Error(label + ": more than one image matches \"" + *selector +
                    "\"; choose one by digest: " + choices(entries, reference_prefix));
      }
      found = i;
    }
    return found;
  };
  std::optional<std::size_t> found;
  if (is_valid_digest(*selector)) {
    found = find_one([&](const OciIndexEntry& e) { return e.descriptor.digest == *selector; });
  } else {
    found = find_one([&](const OciIndexEntry& e) { return e.ref_name == *selector; });
    if (!found) {
      found = find_one([&](const OciIndexEntry& e) {
        return (!e.image_name.empty() && image_names_match(*selector, e.image_name)) ||
               (e.ref_name.find_first_of("/:") != std::string::npos &&
                image_names_match(*selector, e.ref_name));
      });
    }
  }
  if (found) return *found;
  throw Error(label + " has no image tagged \"" + *selector +
              "\"; choose one: " + choices(entries, reference_prefix));
}

std::string oci_image_name(const OciIndexEntry& entry, std::string_view layout_path) {
  if (!entry.image_name.empty()) return entry.image_name;
  if (entry.ref_name.empty()) return {};
  // Some tools write a full image name as the ref name rather than a tag.
  if (entry.ref_name.find_first_of("/:") != std::string::npos) return entry.ref_name;
  const std::string base = layout_basename(layout_path);
  return base.empty() ? std::string() : base + ":" + entry.ref_name;
}

}  // namespace mydocker::local
