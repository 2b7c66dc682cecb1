// WWW-Authenticate headers of a registry's 401 answers, and the token service URL the client
// builds from a Bearer challenge's realm, service and scope.
#include "www_authenticate.hpp"
#include "endpoints.hpp"
#include "fuzz_input.hpp"
#include "host_rules.hpp"
#include "url.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace mydocker;
  const auto challenges = hub::parse_www_authenticate(fuzz::as_text(data, size));
  for (const auto& challenge : challenges) {
    for (const auto& [name, value] : challenge.params) {
      (void)value;
      for (char c : name) {
        fuzz::require(c < 'A' || c > 'Z', "parameter names are lowercase");
      }
    }
    // What the authenticator does with a Bearer challenge before asking the token service.
    const std::string realm = challenge.param("realm");
    if (const auto url = hub::parse_url(realm)) {
      hub::is_insecure_registry(url->authority, {"10.0.0.0/8", "registry.local:5000"});
      hub::is_loopback_host(hub::split_host_port(url->authority).host);
    }
    hub::token_url(realm, challenge.param("service"), challenge.param("scope"));
  }
  return 0;
}
