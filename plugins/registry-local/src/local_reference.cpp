#include "local_reference.hpp"

#include "mydocker/errors.hpp"

namespace mydocker::local {

namespace {

struct Prefix {
  std::string_view text;
  Transport transport;
};

// oci-archive before oci: the longer prefix must win.
constexpr Prefix kPrefixes[] = {{"docker-archive:", Transport::docker_archive},
                                {"oci-archive:", Transport::oci_archive},
                                {"oci:", Transport::oci}};

}  // namespace

std::string_view transport_prefix(Transport transport) {
  for (const auto& p : kPrefixes) {
    if (p.transport == transport) return p.text;
  }
  return {};
}

LocalReference parse_reference(std::string_view reference,
                               const std::function<bool(const std::string&)>& exists) {
  LocalReference ref;
  std::string_view rest = reference;
  for (const auto& p : kPrefixes) {
    if (rest.starts_with(p.text)) {
      ref.transport = p.transport;
      rest.remove_prefix(p.text.size());
      break;
    }
  }
  if (rest.empty()) throw Error("image reference \"" + std::string(reference) + "\" has no path");

  auto split_at = [&](std::size_t colon) {
    ref.path = std::string(rest.substr(0, colon));
    if (colon != std::string_view::npos && colon + 1 < rest.size()) {
      ref.selector = std::string(rest.substr(colon + 1));
    }
  };
  if (exists(std::string(rest))) {
    ref.path = std::string(rest);
    return ref;
  }
  for (auto colon = rest.rfind(':'); colon != std::string_view::npos && colon > 0;
       colon = rest.rfind(':', colon - 1)) {
    if (exists(std::string(rest.substr(0, colon)))) {
      split_at(colon);
      return ref;
    }
  }
  const auto first = rest.find(':');
  split_at(first == 0 ? std::string_view::npos : first);
  return ref;
}

}  // namespace mydocker::local
