#include "layer_media.hpp"

#include "mydocker/types.hpp"

namespace mydocker::local {

LayerKind sniff_layer(std::string_view head) {
  using namespace std::string_view_literals;
  if (head.starts_with("\x1f\x8b"sv)) return {media_type::kOciLayerGzip, false};
  if (head.starts_with("\x28\xb5\x2f\xfd"sv)) return {media_type::kOciLayerZstd, false};
  constexpr std::size_t kMagicOffset = 257;
  const bool ustar = head.size() >= kMagicOffset + 5 && head.substr(kMagicOffset, 5) == "ustar";
  // Without a magic it may still be a tar (v7, or all zeros when empty): label it so and let
  // the unpacker decide; only the diff_id shortcut needs the certainty of the magic.
  return {media_type::kOciLayer, ustar};
}

}  // namespace mydocker::local
