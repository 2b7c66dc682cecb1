// URLs and host names from the network and the configuration: token realms, Location headers
// of redirects (resolved against the request's URL), mirrors, insecure-registry entries.
// Input: a URL, then a Location value, separated by a "%%" line.
#include <string>

#include "fuzz_input.hpp"
#include "host_rules.hpp"
#include "settings.hpp"
#include "url.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace mydocker;
  const auto parts = fuzz::split_parts(fuzz::as_text(data, size), 2);

  if (const auto url = hub::parse_url(parts[0])) {
    fuzz::require(url->scheme == "http" || url->scheme == "https", "only http(s) URLs parse");
    hub::origin_of(*url);
    if (const auto location = hub::resolve_location(*url, parts[1])) {
      fuzz::require(hub::parse_url(*location).has_value(), "a resolved redirect is an http(s) URL");
    }
    const hub::HostPort hp = hub::split_host_port(url->authority);
    hub::is_loopback_host(hp.host);
    hub::is_insecure_registry(url->authority, {std::string(parts[1]), "fd00::/8", "10.0.0.0/8"});
  }
  fuzz::refused_is_fine([&] { hub::normalise_mirror(std::string(parts[0])); });
  hub::cidr_contains(parts[0], parts[1]);
  hub::percent_encode(parts[1]);
  return 0;
}
