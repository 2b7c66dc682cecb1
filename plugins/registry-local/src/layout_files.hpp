// The files of an image on disk, whether they sit in a directory or inside a tar archive.
// Image formats are read through this interface only, so each format is written once.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace mydocker::local {

// Metadata files (manifest.json, index.json, configs) are read into memory; nothing larger.
inline constexpr std::size_t kMetadataLimit = 16 * 1024 * 1024;

// Enough leading bytes to recognise gzip, zstd and the tar "ustar" magic at offset 257.
inline constexpr std::size_t kHeadSize = 262;

struct FileInfo {
  std::int64_t size = 0;
  std::string head;  // the first kHeadSize bytes, fewer if the file is shorter
};

// Receives the content of one file.
class FileConsumer {
 public:
  virtual ~FileConsumer() = default;
  virtual void write(const void* data, std::size_t size) = 0;
  virtual void finish() = 0;
};

using ConsumerFactory = std::function<std::unique_ptr<FileConsumer>(const std::string& path)>;

// Paths are member paths as normalize_member_path returns them. Every method throws
// mydocker::Error naming the layout when a file is missing, not a regular file, or unreadable.
class LayoutFiles {
 public:
  virtual ~LayoutFiles() = default;
  // How messages name this image: "archive ./x.tar", "layout ./dir".
  virtual const std::string& label() const = 0;
  // True when path is a regular file; symlinks and directories do not count.
  virtual bool has_file(const std::string& path) = 0;
  virtual FileInfo info(const std::string& path) = 0;
  // The whole file; refuses files larger than limit.
  virtual std::string read_small(const std::string& path, std::size_t limit) = 0;
  // Feeds each file to the consumer open(path) returns, then calls its finish(). Archives are
  // read in one sequential pass however many files are asked for.
  virtual void read_files(const std::vector<std::string>& paths, const ConsumerFactory& open) = 0;
};

}  // namespace mydocker::local
