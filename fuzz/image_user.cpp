// The user a container runs as: the image's User (or --user) resolved from the image's own
// /etc/passwd and /etc/group, all three written by whoever built the image.
// Input: USER, then passwd, then group, separated by "%%" lines.
#include <string>

#include "fuzz_input.hpp"
#include "run/user_lookup.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace mydocker;
  const auto parts = fuzz::split_parts(fuzz::as_text(data, size), 3);
  fuzz::refused_is_fine([&] {
    const ContainerUser user =
        resolve_user(std::string(parts[0]), std::string(parts[1]), std::string(parts[2]));
    fuzz::require(!user.additional_gids.empty() && user.additional_gids.front() == user.gid,
                  "the primary group comes first among the supplementary groups");
  });
  return 0;
}
