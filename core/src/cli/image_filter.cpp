#include "cli/image_filter.hpp"

#include "mydocker/errors.hpp"

namespace mydocker {

namespace {

[[noreturn]] void bad_pattern(std::string_view pattern) {
  throw Error("malformed pattern \"" + std::string(pattern) + "\" in --filter reference=");
}

// One character of a class: a literal or a \-quoted one ('-' and ']' must be quoted, as in
// Go). Advances `at`.
char class_char(std::string_view pattern, std::size_t& at, std::string_view whole) {
  if (at >= pattern.size() || pattern[at] == '-' || pattern[at] == ']') bad_pattern(whole);
  if (pattern[at] == '\\') {
    if (++at >= pattern.size()) bad_pattern(whole);
  }
  return pattern[at++];
}

// Whether `c` is in the class starting after '[' at `at`; `at` ends after its ']'.
bool match_class(std::string_view pattern, std::size_t& at, char c, std::string_view whole) {
  bool negated = false;
  if (at < pattern.size() && pattern[at] == '^') {
    negated = true;
    ++at;
  }
  bool matched = false;
  bool first = true;
  while (first || at >= pattern.size() || pattern[at] != ']') {
    first = false;
    const char lo = class_char(pattern, at, whole);
    char hi = lo;
    if (at < pattern.size() && pattern[at] == '-') {
      ++at;
      hi = class_char(pattern, at, whole);
    }
    if (lo <= c && c <= hi) matched = true;
  }
  ++at;  // the ']'
  return matched != negated;
}

// Checks the whole pattern once, so a bad one is refused whatever the names are.
void validate(std::string_view pattern) {
  for (std::size_t at = 0; at < pattern.size();) {
    if (pattern[at] == '\\') {
      if (at + 1 >= pattern.size()) bad_pattern(pattern);
      at += 2;
    } else if (pattern[at] == '[') {
      ++at;
      match_class(pattern, at, '\0', pattern);
    } else {
      ++at;
    }
  }
}

bool match_from(std::string_view p, std::string_view s, std::string_view whole) {
  std::size_t pi = 0;
  std::size_t si = 0;
  while (pi < p.size()) {
    if (p[pi] == '*') {
      // The star takes 0..n characters, never a '/'.
      const std::string_view rest = p.substr(pi + 1);
      for (std::size_t n = si;; ++n) {
        if (match_from(rest, s.substr(n), whole)) return true;
        if (n == s.size() || s[n] == '/') return false;
      }
    }
    if (si == s.size()) return false;
    if (p[pi] == '?') {
      if (s[si] == '/') return false;
      ++pi;
    } else if (p[pi] == '[') {
      ++pi;
      if (!match_class(p, pi, s[si], whole)) return false;
    } else {
      if (p[pi] == '\\') ++pi;
      if (p[pi] != s[si]) return false;
      ++pi;
    }
    ++si;
  }
  return si == s.size();
}

}  // namespace

bool glob_match(std::string_view pattern, std::string_view name) {
  validate(pattern);
  return match_from(pattern, name, pattern);
}

ImageFilter::ImageFilter(const std::vector<std::string>& specs) {
  for (const auto& spec : specs) {
    const auto eq = spec.find('=');
    if (eq == std::string::npos) {
      throw Error("bad format of filter \"" + spec + "\" (expected name=value)");
    }
    const std::string key = spec.substr(0, eq);
    if (key != "reference") {
      throw Error("invalid filter '" + key + "' (supported: reference)");
    }
    validate(spec.substr(eq + 1));
    references_.push_back(spec.substr(eq + 1));
  }
}

bool ImageFilter::matches(const std::string& repository, const std::string& tag) const {
  if (references_.empty()) return true;
  for (const auto& pattern : references_) {
    if (!tag.empty() && glob_match(pattern, repository + ":" + tag)) return true;
    if (glob_match(pattern, repository)) return true;
  }
  return false;
}

}  // namespace mydocker
