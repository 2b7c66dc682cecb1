#include "media_types.hpp"

#include <cctype>
#include <nlohmann/json.hpp>

#include "mydocker/types.hpp"

namespace mydocker::hub {

std::string bare_media_type(std::string_view content_type) {
  content_type = content_type.substr(0, content_type.find(';'));
  while (!content_type.empty() && std::isspace(static_cast<unsigned char>(content_type.front()))) {
    content_type.remove_prefix(1);
  }
  while (!content_type.empty() && std::isspace(static_cast<unsigned char>(content_type.back()))) {
    content_type.remove_suffix(1);
  }
  std::string out(content_type);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

bool is_manifest_media_type(std::string_view media_type) {
  return media_type == media_type::kOciManifest || media_type == media_type::kOciIndex ||
         media_type == media_type::kDockerManifest || media_type == media_type::kDockerManifestList;
}

bool is_schema1_media_type(std::string_view media_type) {
  return media_type == "application/vnd.docker.distribution.manifest.v1+json" ||
         media_type == "application/vnd.docker.distribution.manifest.v1+prettyjws";
}

std::string sniff_manifest_media_type(std::string_view body) {
  const auto doc = nlohmann::json::parse(body, nullptr, false);
  if (doc.is_discarded() || !doc.is_object()) return {};
  if (auto v = doc.find("schemaVersion"); v != doc.end() && v->is_number_integer() && *v == 1) {
    return "schema1";
  }
  if (auto mt = doc.find("mediaType"); mt != doc.end() && mt->is_string()) {
    return mt->get<std::string>();
  }
  if (doc.contains("manifests")) return media_type::kOciIndex;
  if (doc.contains("layers")) return media_type::kOciManifest;
  return {};
}

}  // namespace mydocker::hub
