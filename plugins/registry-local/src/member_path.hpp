// Paths of files inside an archive or layout. Every such path read from manifest.json or
// index.json is untrusted: it must name something inside the archive, never outside it.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace mydocker::local {

// "./a//b/./c/" -> "a/b/c". Empty when the path has no name left (".", "./"), nullopt when it
// is absolute or has a ".." component: such a path cannot be inside the archive.
std::optional<std::string> normalize_member_path(std::string_view path);

// Where a symlink member points, as a member path: target is taken relative to the link's
// directory and may use ".." as long as it stays inside the archive. nullopt when it is
// absolute or leaves the archive. Purely lexical: the archive index is the only "file system".
std::optional<std::string> resolve_link_target(std::string_view link, std::string_view target);

// normalize_member_path for a path a metadata file refers to; throws mydocker::Error
// `LABEL: SOURCE refers to "PATH", outside the archive` when it is not inside.
std::string require_member_path(std::string_view path, std::string_view label,
                                std::string_view source);

}  // namespace mydocker::local
