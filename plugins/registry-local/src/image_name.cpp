#include "image_name.hpp"

namespace mydocker::local {

std::string qualify_image_name(std::string_view name) {
  std::string domain = "docker.io";
  std::string_view remainder = name;
  if (const auto slash = name.find('/'); slash != std::string_view::npos) {
    const std::string_view first = name.substr(0, slash);
    // The same rule as Docker's: a first component is a registry host only if it looks like one.
    if (first.find_first_of(".:") != std::string_view::npos || first == "localhost") {
      domain = first == "index.docker.io" ? "docker.io" : std::string(first);
      remainder = name.substr(slash + 1);
    }
  }
  std::string out = domain + "/";
  if (domain == "docker.io" && remainder.find('/') == std::string_view::npos) out += "library/";
  out += remainder;
  const auto last_slash = out.rfind('/');
  const bool has_tag = out.find(':', last_slash) != std::string::npos;
  const bool has_digest = out.find('@', last_slash) != std::string::npos;
  if (!has_tag && !has_digest) out += ":latest";
  return out;
}

bool image_names_match(std::string_view a, std::string_view b) {
  return a == b || qualify_image_name(a) == qualify_image_name(b);
}

}  // namespace mydocker::local
