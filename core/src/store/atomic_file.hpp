// Replacing a small file so that readers, and the next command after a crash, see either the
// old content or the new, never a mix or an empty file.
#pragma once

#include <filesystem>
#include <string_view>

namespace mydocker {

// Writes a temporary file beside `path`, fsyncs it, renames it over `path` and fsyncs the
// directory.
void write_file_atomically(const std::filesystem::path& path, std::string_view content);

// fsync of a directory, so a rename or link into it survives a power loss.
void sync_directory(const std::filesystem::path& dir);

}  // namespace mydocker
