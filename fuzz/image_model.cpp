// Manifests, indexes and image configs as a registry or an archive serves them, and the
// platform choice made from an index.
#include "image/image_model.hpp"
#include "fuzz_input.hpp"
#include "image/platform.hpp"
#include "util/digest_check.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace mydocker;
  const std::string_view json = fuzz::as_text(data, size);

  fuzz::refused_is_fine([&] { declared_media_type(json, "manifest"); });
  fuzz::refused_is_fine([&] {
    const ImageIndex index = parse_index(json, "index");
    for (const Platform& wanted : {host_platform(), Platform{"linux", "arm64", ""},
                                   Platform{"linux", "arm", "v7"}, Platform{"windows", "", ""}}) {
      fuzz::refused_is_fine([&] { select_platform(index, wanted, "fuzz"); });
    }
  });
  fuzz::refused_is_fine([&] {
    const ImageManifest manifest = parse_manifest(json, "manifest");
    short_digest(manifest.config.digest);
  });
  fuzz::refused_is_fine([&] {
    const ImageConfig config = parse_config(json, "config");
    fuzz::require(chain_ids(config.diff_ids).size() == config.diff_ids.size(),
                  "one chain id per diff_id");
  });
  return 0;
}
