// mydocker's config.json (dockerd's daemon.json keys: registry-mirrors, insecure-registries,
// max-concurrent-downloads, max-download-attempts), and the endpoints planned from it.
#include <string>

#include "endpoints.hpp"
#include "fuzz_input.hpp"
#include "settings.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace mydocker;
  const std::string_view text = fuzz::as_text(data, size);
  fuzz::refused_is_fine([&] {
    hub::Settings settings;
    hub::apply_config_json(settings, text, "/etc/mydocker/config.json");
    for (const char* registry : {"docker.io", "localhost:5000", "10.1.2.3:5000", "[::1]:5000"}) {
      hub::plan_endpoints(settings, registry);
    }
  });
  hub::split_list(text);
  return 0;
}
