#include "docker_manifest.hpp"

#include <charconv>

#include "image_name.hpp"
#include "json_util.hpp"
#include "member_path.hpp"
#include "mydocker/errors.hpp"

namespace mydocker::local {

namespace {

std::string choices(const std::vector<DockerArchiveImage>& images, const std::string& prefix) {
  std::string out;
  for (std::size_t i = 0; i < images.size(); ++i) {
    std::vector<std::string> names = images[i].repo_tags;
    if (names.empty()) names.push_back("@" + std::to_string(i));
    for (const auto& name : names) {
      if (!out.empty()) out += ", ";
      out += prefix + ":" + name;
    }
  }
  return out;
}

std::optional<std::size_t> parse_position(std::string_view text) {
  std::size_t value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || text.empty()) return std::nullopt;
  return value;
}

}  // namespace

std::vector<DockerArchiveImage> parse_docker_manifest(std::string_view text,
                                                      const std::string& label) {
  const std::string what = label + ": manifest.json";
  const nlohmann::json doc = parse_json(text, what);
  if (!doc.is_array()) throw Error(what + " is not a JSON array of images");
  std::vector<DockerArchiveImage> images;
  for (const auto& entry : doc) {
    const std::string entry_what = what + " entry " + std::to_string(images.size() + 1);
    if (!entry.is_object()) throw Error(entry_what + " is not a JSON object");
    DockerArchiveImage image;
    image.config =
        require_member_path(json_string(entry, "Config", entry_what, true), label, "manifest.json");
    if (auto layers = entry.find("Layers"); layers == entry.end() || !layers->is_array()) {
      throw Error(entry_what + ": \"Layers\" must be an array of strings");
    }
    for (const auto& layer : json_strings(entry, "Layers", entry_what)) {
      image.layers.push_back(require_member_path(layer, label, "manifest.json"));
    }
    image.repo_tags = json_strings(entry, "RepoTags", entry_what);
    images.push_back(std::move(image));
  }
  if (images.empty()) throw Error(what + " lists no images");
  return images;
}

DockerChoice choose_docker_image(const std::vector<DockerArchiveImage>& images,
                                 const std::optional<std::string>& selector,
                                 const std::string& reference_prefix, const std::string& label) {
  auto first_tag = [&](std::size_t i) {
    return images[i].repo_tags.empty() ? std::string() : images[i].repo_tags.front();
  };
  if (!selector) {
    if (images.size() == 1) return {0, first_tag(0)};
    throw Error(label + " holds " + std::to_string(images.size()) +
                " images, choose one: " + choices(images, reference_prefix));
  }
  if (selector->starts_with('@')) {
    auto index = parse_position(std::string_view(*selector).substr(1));
    if (index && *index < images.size()) return {*index, first_tag(*index)};
    throw Error(label + " has no image " + *selector + " (it holds " +
                std::to_string(images.size()) +
                ", from @0); choose one: " + choices(images, reference_prefix));
  }
  for (std::size_t i = 0; i < images.size(); ++i) {
    for (const auto& tag : images[i].repo_tags) {
      if (image_names_match(*selector, tag)) return {i, tag};
    }
  }
  throw Error(label + " has no image named " + *selector +
              "; choose one: " + choices(images, reference_prefix));
}

}  // namespace mydocker::local
