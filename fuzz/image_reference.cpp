// Image references as users and image archives write them: the core's registry grammar, the
// local source's transport syntax and the RepoTag names docker-archive manifests hold.
#include <string>

#include "fuzz_input.hpp"
#include "image/image_reference.hpp"
#include "image_name.hpp"
#include "local_reference.hpp"

namespace {

// Which paths "exist" for the local reference grammar: a fixed, input-derived answer, so the
// fuzzer can reach every way of splitting PATH from its selector without touching the disk.
bool pretend_exists(const std::string& path) {
  return !path.empty() && (path.back() == 'x' || path.size() % 7 == 3);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace mydocker;
  const std::string_view text = fuzz::as_text(data, size);

  fuzz::refused_is_fine([&] {
    const ImageReference ref = parse_reference(text);
    // What canonical() prints must parse again to the same reference.
    const ImageReference again = parse_reference(ref.canonical());
    fuzz::require(again.canonical() == ref.canonical() && again.name() == ref.name(),
                  "a canonical reference parses to itself");
  });
  fuzz::refused_is_fine([&] { local::parse_reference(text, pretend_exists); });

  const auto names = fuzz::split_parts(text, 2);
  local::qualify_image_name(names[0]);
  local::image_names_match(names[0], names[1]);
  return 0;
}
