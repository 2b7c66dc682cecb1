#include "synthesized_manifest.hpp"

#include <nlohmann/json.hpp>

namespace mydocker::local {

namespace {

nlohmann::json to_json(const Descriptor& d) {
  return {{"mediaType", d.media_type}, {"digest", d.digest}, {"size", d.size}};
}

}  // namespace

std::string synthesize_manifest(const Descriptor& config, const std::vector<Descriptor>& layers) {
  nlohmann::json doc = {{"schemaVersion", 2},
                        {"mediaType", media_type::kOciManifest},
                        {"config", to_json(config)},
                        {"layers", nlohmann::json::array()}};
  for (const auto& layer : layers) doc["layers"].push_back(to_json(layer));
  return doc.dump();
}

}  // namespace mydocker::local
