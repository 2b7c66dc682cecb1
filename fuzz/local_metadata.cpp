// The metadata files of local images: docker-archive's manifest.json and an OCI layout's
// index.json, with the choice of one image by the selector a reference carries.
// Input: the JSON document, optionally followed by a "%%" line and a selector.
#include <optional>
#include <string>

#include "docker_manifest.hpp"
#include "fuzz_input.hpp"
#include "member_path.hpp"
#include "oci_index.hpp"

namespace {

std::optional<std::string> selector_of(std::string_view part) {
  if (part.empty()) return std::nullopt;
  return std::string(part);
}

void check_inside(const std::string& path) {
  mydocker::fuzz::require(mydocker::local::normalize_member_path(path) == path,
                          "a member path from the manifest is normalised and inside the archive");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace mydocker;
  const auto parts = fuzz::split_parts(fuzz::as_text(data, size), 2);
  const std::optional<std::string> selector = selector_of(parts[1]);

  fuzz::refused_is_fine([&] {
    const auto images = local::parse_docker_manifest(parts[0], "archive fuzz.tar");
    for (const auto& image : images) {
      check_inside(image.config);
      for (const auto& layer : image.layers) check_inside(layer);
    }
    const auto choice =
        local::choose_docker_image(images, selector, "docker-archive:fuzz.tar", "archive");
    fuzz::require(choice.index < images.size(), "the chosen image is one of the archive's");
  });
  fuzz::refused_is_fine([&] {
    const auto entries = local::parse_oci_index(parts[0], "layout fuzz");
    const std::size_t chosen = local::choose_oci_entry(entries, selector, "oci:fuzz", "layout");
    fuzz::require(chosen < entries.size(), "the chosen entry is one of the index's");
    local::oci_image_name(entries[chosen], "/tmp/fuzz");
  });
  fuzz::refused_is_fine([&] {
    // Symlink members: link name, then target.
    local::resolve_link_target(parts[0], parts[1]);
  });
  return 0;
}
