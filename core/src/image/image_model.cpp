#include "image/image_model.hpp"

#include <nlohmann/json.hpp>

#include "mydocker/errors.hpp"
#include "util/digest_check.hpp"

namespace mydocker {

namespace {

using nlohmann::json;

json parse_json(std::string_view text, std::string_view what) {
  json doc = json::parse(text.begin(), text.end(), nullptr, /*allow_exceptions=*/false);
  if (doc.is_discarded()) throw Error(std::string(what) + " is not valid JSON");
  if (!doc.is_object()) throw Error(std::string(what) + " is not a JSON object");
  return doc;
}

[[noreturn]] void bad_shape(std::string_view what, std::string_view field, std::string_view want) {
  throw Error(std::string(what) + ": field \"" + std::string(field) + "\" must be " +
              std::string(want));
}

std::string optional_string(const json& obj, const char* key, std::string_view what) {
  auto it = obj.find(key);
  if (it == obj.end() || it->is_null()) return {};
  if (!it->is_string()) bad_shape(what, key, "a string");
  return it->get<std::string>();
}

std::vector<std::string> optional_strings(const json& obj, const char* key, std::string_view what) {
  std::vector<std::string> out;
  auto it = obj.find(key);
  if (it == obj.end() || it->is_null()) return out;
  if (!it->is_array()) bad_shape(what, key, "an array of strings");
  for (const auto& item : *it) {
    if (!item.is_string()) bad_shape(what, key, "an array of strings");
    out.push_back(item.get<std::string>());
  }
  return out;
}

Descriptor parse_descriptor(const json& obj, std::string_view what) {
  if (!obj.is_object()) throw Error(std::string(what) + " is not a JSON object");
  Descriptor d;
  d.media_type = optional_string(obj, "mediaType", what);
  d.digest = optional_string(obj, "digest", what);
  require_valid_digest(d.digest, what);
  auto size = obj.find("size");
  if (size == obj.end() || !size->is_number_integer() || size->get<std::int64_t>() < 0) {
    bad_shape(what, "size", "a non-negative integer");
  }
  d.size = size->get<std::int64_t>();
  d.urls = optional_strings(obj, "urls", what);
  if (auto ann = obj.find("annotations"); ann != obj.end() && ann->is_object()) {
    for (const auto& [key, value] : ann->items()) {
      if (value.is_string()) d.annotations[key] = value.get<std::string>();
    }
  }
  return d;
}

Platform parse_platform(const json& obj, std::string_view what) {
  Platform p;
  if (!obj.is_object()) return p;
  p.os = optional_string(obj, "os", what);
  p.architecture = optional_string(obj, "architecture", what);
  p.variant = optional_string(obj, "variant", what);
  return p;
}

void refuse_schema1(const json& doc, std::string_view what) {
  auto version = doc.find("schemaVersion");
  if (version != doc.end() && version->is_number_integer() && version->get<int>() == 1) {
    throw Error(std::string(what) +
                " uses image manifest schema 1, which is unsupported (too old); "
                "push the image again with a current tool");
  }
}

}  // namespace

bool is_index_media_type(std::string_view media_type) {
  return media_type == media_type::kOciIndex || media_type == media_type::kDockerManifestList;
}

bool is_manifest_media_type(std::string_view media_type) {
  return media_type == media_type::kOciManifest || media_type == media_type::kDockerManifest;
}

std::string declared_media_type(std::string_view text, std::string_view what) {
  json doc = parse_json(text, what);
  refuse_schema1(doc, what);
  return optional_string(doc, "mediaType", what);
}

ImageIndex parse_index(std::string_view text, std::string_view what) {
  json doc = parse_json(text, what);
  refuse_schema1(doc, what);
  auto manifests = doc.find("manifests");
  if (manifests == doc.end() || !manifests->is_array()) {
    bad_shape(what, "manifests", "an array");
  }
  ImageIndex index;
  for (const auto& entry : *manifests) {
    const std::string entry_what =
        std::string(what) + " entry " + std::to_string(index.manifests.size() + 1);
    ImageIndex::Entry e;
    e.descriptor = parse_descriptor(entry, entry_what);
    if (auto p = entry.find("platform"); p != entry.end()) e.platform = parse_platform(*p, what);
    index.manifests.push_back(std::move(e));
  }
  return index;
}

ImageManifest parse_manifest(std::string_view text, std::string_view what) {
  json doc = parse_json(text, what);
  refuse_schema1(doc, what);
  ImageManifest m;
  auto config = doc.find("config");
  if (config == doc.end()) bad_shape(what, "config", "a descriptor");
  m.config = parse_descriptor(*config, std::string(what) + " config");
  auto layers = doc.find("layers");
  if (layers == doc.end() || !layers->is_array()) bad_shape(what, "layers", "an array");
  for (const auto& layer : *layers) {
    m.layers.push_back(parse_descriptor(
        layer, std::string(what) + " layer " + std::to_string(m.layers.size() + 1)));
  }
  return m;
}

ImageConfig parse_config(std::string_view text, std::string_view what) {
  json doc = parse_json(text, what);
  ImageConfig c;
  c.platform.os = optional_string(doc, "os", what);
  c.platform.architecture = optional_string(doc, "architecture", what);
  c.platform.variant = optional_string(doc, "variant", what);
  c.created = optional_string(doc, "created", what);
  if (auto cfg = doc.find("config"); cfg != doc.end() && cfg->is_object()) {
    c.entrypoint = optional_strings(*cfg, "Entrypoint", what);
    c.cmd = optional_strings(*cfg, "Cmd", what);
    c.env = optional_strings(*cfg, "Env", what);
    c.working_dir = optional_string(*cfg, "WorkingDir", what);
    c.user = optional_string(*cfg, "User", what);
  }
  if (auto rootfs = doc.find("rootfs"); rootfs != doc.end() && rootfs->is_object()) {
    c.diff_ids = optional_strings(*rootfs, "diff_ids", what);
    for (const auto& id : c.diff_ids) require_valid_digest(id, std::string(what) + " diff_id");
  }
  return c;
}

std::vector<std::string> chain_ids(const std::vector<std::string>& diff_ids) {
  std::vector<std::string> out;
  for (const auto& diff_id : diff_ids) {
    out.push_back(out.empty() ? diff_id : sha256_digest(out.back() + " " + diff_id));
  }
  return out;
}

}  // namespace mydocker
