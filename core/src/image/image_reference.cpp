#include "image/image_reference.hpp"

#include <algorithm>
#include <cctype>

#include "mydocker/digest.hpp"
#include "mydocker/errors.hpp"

namespace mydocker {

namespace {

constexpr std::size_t kMaxNameLength = 255;
constexpr std::string_view kDockerHub = "docker.io";

bool is_lower_alnum(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); }
bool is_alnum(char c) { return is_lower_alnum(c) || (c >= 'A' && c <= 'Z'); }
bool is_word(char c) { return is_alnum(c) || c == '_'; }

[[noreturn]] void invalid(std::string_view text, const std::string& why) {
  throw Error("invalid reference \"" + std::string(text) + "\": " + why);
}

// alpha-numeric (separator alpha-numeric)*, separator = "." | "_" | "__" | "-"+
bool valid_path_component(std::string_view c) {
  if (c.empty() || !is_lower_alnum(c.front()) || !is_lower_alnum(c.back())) return false;
  for (std::size_t i = 0; i < c.size();) {
    if (is_lower_alnum(c[i])) {
      ++i;
      continue;
    }
    std::size_t j = i;
    while (j < c.size() && !is_lower_alnum(c[j])) ++j;
    const std::string_view sep = c.substr(i, j - i);
    const bool dashes = sep.find_first_not_of('-') == std::string_view::npos;
    if (!(sep == "." || sep == "_" || sep == "__" || dashes)) return false;
    i = j;
  }
  return true;
}

bool valid_domain_component(std::string_view c) {
  if (c.empty() || !is_alnum(c.front()) || !is_alnum(c.back())) return false;
  for (char ch : c) {
    if (!is_alnum(ch) && ch != '-') return false;
  }
  return true;
}

bool valid_domain(std::string_view d) {
  if (d.starts_with('[')) {  // [IPv6]:port
    const auto close = d.find(']');
    if (close == std::string_view::npos || close < 3) return false;
    for (char c : d.substr(1, close - 1)) {
      if (!std::isxdigit(static_cast<unsigned char>(c)) && c != ':') return false;
    }
    d = d.substr(close + 1);
    if (d.empty()) return true;
    if (d.front() != ':') return false;
    d.remove_prefix(1);
    return !d.empty() && d.find_first_not_of("0123456789") == std::string_view::npos;
  }
  const auto colon = d.find(':');
  if (colon != std::string_view::npos) {
    const auto port = d.substr(colon + 1);
    if (port.empty() || port.find_first_not_of("0123456789") != std::string_view::npos) {
      return false;
    }
    d = d.substr(0, colon);
  }
  while (true) {
    const auto dot = d.find('.');
    if (!valid_domain_component(d.substr(0, dot))) return false;
    if (dot == std::string_view::npos) return true;
    d.remove_prefix(dot + 1);
  }
}

bool valid_tag(std::string_view t) {
  if (t.empty() || t.size() > 128 || !is_word(t.front())) return false;
  for (char c : t) {
    if (!is_word(c) && c != '.' && c != '-') return false;
  }
  return true;
}

}  // namespace

std::string ImageReference::name() const { return registry + "/" + repository; }

std::string ImageReference::canonical() const {
  std::string s = name();
  if (!tag.empty()) s += ":" + tag;
  if (!digest.empty()) s += "@" + digest;
  return s;
}

ImageReference parse_reference(std::string_view text) {
  if (text.empty()) invalid(text, "it is empty");
  ImageReference ref;
  std::string_view rest = text;

  if (const auto at = rest.find('@'); at != std::string_view::npos) {
    ref.digest = std::string(rest.substr(at + 1));
    if (!is_valid_digest(ref.digest)) {
      invalid(text, "the digest must be sha256: followed by 64 lowercase hex digits");
    }
    rest = rest.substr(0, at);
  }
  // A tag is a ':' after the last '/', so "localhost:5000/x" has none.
  const auto last_slash = rest.rfind('/');
  const auto colon = rest.rfind(':');
  if (colon != std::string_view::npos &&
      (last_slash == std::string_view::npos || colon > last_slash)) {
    ref.tag = std::string(rest.substr(colon + 1));
    if (!valid_tag(ref.tag)) {
      invalid(text, "the tag \"" + ref.tag +
                        "\" must be 1-128 letters, digits, '_', '.' or '-' and not start with '.' "
                        "or '-'");
    }
    rest = rest.substr(0, colon);
  }
  if (rest.empty()) invalid(text, "the repository name is missing");
  if (rest.size() > kMaxNameLength) {
    invalid(text,
            "the repository name is longer than " + std::to_string(kMaxNameLength) + " characters");
  }

  // The first component is a registry only if it looks like a host: has '.' or ':' or is
  // localhost. Otherwise the image lives on Docker Hub.
  std::string_view path = rest;
  const auto slash = rest.find('/');
  if (slash != std::string_view::npos) {
    const auto first = rest.substr(0, slash);
    if (first.find_first_of(".:") != std::string_view::npos || first == "localhost" ||
        first.starts_with('[')) {
      if (!valid_domain(first)) invalid(text, "\"" + std::string(first) + "\" is not a valid host");
      ref.registry = std::string(first);
      path = rest.substr(slash + 1);
    }
  }
  if (ref.registry.empty() || ref.registry == "index.docker.io") ref.registry = kDockerHub;

  if (path.empty()) invalid(text, "the repository name is missing");
  for (std::string_view p = path;;) {
    const auto s = p.find('/');
    const auto component = p.substr(0, s);
    if (!valid_path_component(component)) {
      const bool upper = std::any_of(component.begin(), component.end(),
                                     [](char c) { return c >= 'A' && c <= 'Z'; });
      invalid(text, upper ? "repository names must be lowercase"
                          : "\"" + std::string(component) +
                                "\" is not a valid repository name component (lowercase "
                                "letters and digits, separated by '.', '_', '__' or '-')");
    }
    if (s == std::string_view::npos) break;
    p.remove_prefix(s + 1);
  }
  ref.repository = std::string(path);
  if (ref.registry == kDockerHub && ref.repository.find('/') == std::string::npos) {
    ref.repository = "library/" + ref.repository;
  }
  if (ref.tag.empty() && ref.digest.empty()) ref.tag = "latest";
  return ref;
}

}  // namespace mydocker
