// Turning the names found in an untrusted layer tarball into paths relative to the layer root.
#pragma once

#include <string>
#include <string_view>
#include <utility>

namespace mydocker {

enum class EntryPathStatus {
  ok,
  escapes,   // a ".." component: refused outright rather than clamped, as the layer is malformed
  too_long,  // a component longer than NAME_MAX or a path of PATH_MAX or more
  invalid,   // an embedded NUL, which no system call could pass on faithfully
};

// Normalises `name` into `out` as "a/b/c": leading "/" and "./", empty and "." components and
// a trailing "/" are dropped, so an absolute name is taken relative to the root as tar does.
// "" means the root itself. `out` is a reused buffer: no allocation once it is large enough.
EntryPathStatus normalize_entry_path(std::string_view name, std::string& out);

// Splits a normalised path into its parent ("" for the root) and its last component.
inline std::pair<std::string_view, std::string_view> split_entry_path(std::string_view path) {
  const auto slash = path.rfind('/');
  if (slash == std::string_view::npos) return {std::string_view(), path};
  return {path.substr(0, slash), path.substr(slash + 1)};
}

// True when normalised `path` is `ancestor` itself or lies below it; "" is above everything.
inline bool is_same_or_below(std::string_view path, std::string_view ancestor) {
  if (ancestor.empty()) return true;
  return path.starts_with(ancestor) &&
         (path.size() == ancestor.size() || path[ancestor.size()] == '/');
}

// Appends `name` to the normalised directory path `dir` in `out`.
void join_entry_path(std::string_view dir, std::string_view name, std::string& out);

// `name` in double quotes for an error message: control characters escaped (a hostile layer
// must not be able to drive the user's terminal) and cut short when very long.
std::string quote_entry_name(std::string_view name);

}  // namespace mydocker
