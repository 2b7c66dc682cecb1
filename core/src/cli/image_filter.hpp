// docker's `images --filter KEY=VALUE`: only `reference=PATTERN` so far; several reference
// filters are OR'ed, as docker does.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace mydocker {

class ImageFilter {
 public:
  // Throws Error for a filter without "=", an unknown key or a malformed pattern.
  explicit ImageFilter(const std::vector<std::string>& specs);

  // docker's rule: the pattern against "repository:tag", else against the repository alone.
  // `repository` in docker's short form ("busybox", "x/y", "localhost:5000/z"); tag may be
  // empty.
  bool matches(const std::string& repository, const std::string& tag) const;

 private:
  std::vector<std::string> references_;
};

// Go's path.Match, which docker uses: `*` is any run of characters but '/', `?` one such
// character, `[a-z]` / `[^abc]` a class, `\` quotes the next character. Throws Error for a
// malformed pattern (an unclosed class, a trailing backslash).
bool glob_match(std::string_view pattern, std::string_view name);

}  // namespace mydocker
