// Docker's config.json with credentials (auths, credHelpers, credsStore) and the JSON a
// docker-credential-NAME helper prints.
#include <string>

#include "docker_credentials.hpp"
#include "fuzz_input.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace mydocker;
  const std::string_view json = fuzz::as_text(data, size);
  for (const char* server : {"docker.io", "localhost:5000", "ghcr.io"}) {
    fuzz::refused_is_fine([&] { hub::lookup_credentials(json, server, "~/.docker/config.json"); });
  }
  hub::parse_helper_output(json);
  return 0;
}
