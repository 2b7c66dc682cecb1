#include "unpack/layer_unpacker.hpp"

#include <fcntl.h>
#include <spdlog/spdlog.h>

#include <unistd.h>

#include <cerrno>
#include <chrono>

#include "mydocker/errors.hpp"
#include "mydocker/unique_fd.hpp"
#include "unpack/layer_applier.hpp"
#include "unpack/layer_reader.hpp"
#include "util/digest_check.hpp"
#include "util/interruption.hpp"
#include "util/system_error.hpp"

namespace mydocker {

namespace {

UnpackStats unpack(LayerReader& reader, int root_fd, const std::string& layer_name,
                   const std::string& expected_diff_id, WhiteoutMode mode) {
  const auto start = std::chrono::steady_clock::now();
  LayerApplier applier(root_fd, layer_name, mode);
  UnpackStats stats;
  while (archive_entry* entry = reader.next()) {
    throw_if_interrupted();
    ++stats.entries;
    stats.content_bytes += content_bytes_of(entry);
    applier.apply(reader.tar(), entry);
  }
  const std::string diff_id = reader.finish();
  stats.bytes = reader.uncompressed_bytes();
  if (!expected_diff_id.empty() && diff_id != expected_diff_id) {
    throw Error(layer_name + ": its content does not match the image config (diff_id " +
                expected_diff_id + ", but the uncompressed layer is " + diff_id + ")");
  }
  applier.finish();

  const auto elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(
      std::chrono::steady_clock::now() - start);
  spdlog::debug("{}: {} entries, {} bytes unpacked in {} ms", layer_name, stats.entries,
                stats.bytes, elapsed.count());
  return stats;
}

UniqueFd open_root(const std::string& root_dir, const std::string& layer_name,
                   const std::string& expected_diff_id) {
  // Checked first so that a bad config fails before any work, not after the whole layer.
  if (!expected_diff_id.empty()) require_valid_digest(expected_diff_id, layer_name + " diff_id");
  UniqueFd root(::open(root_dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (!root) throw_errno(layer_name + ": cannot open the directory to unpack into, " + root_dir);
  return root;
}

void drain(int fd) {
  char buf[65536];
  while (true) {
    const ssize_t n = ::read(fd, buf, sizeof buf);
    if (n == 0 || (n < 0 && errno != EINTR)) return;
  }
}

}  // namespace

UnpackStats apply_layer(const std::string& layer_path, const std::string& root_dir,
                        const std::string& layer_name, const std::string& expected_diff_id,
                        WhiteoutMode mode) {
  const UniqueFd root = open_root(root_dir, layer_name, expected_diff_id);
  LayerReader reader(layer_path, layer_name);
  return unpack(reader, root.get(), layer_name, expected_diff_id, mode);
}

UnpackStats apply_layer(int layer_fd, const std::string& root_dir, const std::string& layer_name,
                        const std::string& expected_diff_id, WhiteoutMode mode) {
  try {
    const UniqueFd root = open_root(root_dir, layer_name, expected_diff_id);
    LayerReader reader(layer_fd, layer_name);
    return unpack(reader, root.get(), layer_name, expected_diff_id, mode);
  } catch (...) {
    drain(layer_fd);
    throw;
  }
}

}  // namespace mydocker
