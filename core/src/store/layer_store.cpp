#include "store/layer_store.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <sys/xattr.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <random>
#include <utility>

#include "mydocker/unique_fd.hpp"
#include "store/atomic_file.hpp"
#include "unpack/layer_unpacker.hpp"
#include "util/digest_check.hpp"
#include "util/system_error.hpp"

namespace mydocker {

namespace fs = std::filesystem;

namespace {

constexpr const char* kContentBytesXattr = "user.mydocker.content_bytes";

std::string random_suffix() {
  std::random_device rd;
  return std::to_string(::getpid()) + "-" + std::to_string(rd());
}

// Leftovers of unpacks of this layer that were killed: only ever called under the layer's
// lock, so no live unpack is among them.
void remove_leftovers(const fs::path& temp_dir, const std::string& hex) {
  std::error_code ec;
  for (fs::directory_iterator it(temp_dir, ec), end; !ec && it != end; it.increment(ec)) {
    if (it->path().filename().string().starts_with(hex + "-")) fs::remove_all(it->path(), ec);
  }
}

}  // namespace

LayerStore::LayerStore(const fs::path& store_root) : layout_(store_root) {}

fs::path LayerStore::path_of(const std::string& chain_id) const {
  require_valid_digest(chain_id, "layer chain id");
  return layout_.layers_dir() / std::string(digest_hex(chain_id));
}

bool LayerStore::has(const std::string& chain_id) const {
  std::error_code ec;
  return fs::is_directory(path_of(chain_id), ec);
}

std::optional<std::uint64_t> LayerStore::content_bytes(const std::string& chain_id) const {
  char value[24];
  const ssize_t n = ::getxattr(path_of(chain_id).c_str(), kContentBytesXattr, value, sizeof value);
  if (n <= 0) return std::nullopt;
  std::uint64_t bytes = 0;
  const auto [end, ec] = std::from_chars(value, value + n, bytes);
  if (ec != std::errc() || end != value + n) return std::nullopt;
  return bytes;
}

std::optional<LayerStore::Pending> LayerStore::begin(const std::string& chain_id) const {
  const std::string hex(digest_hex(chain_id));
  FileLock lock(layout_.lock("layer-" + hex), FileLock::Mode::exclusive);
  if (has(chain_id)) return std::nullopt;
  remove_leftovers(layout_.layer_temp_dir(), hex);
  auto temp = layout_.layer_temp_dir() / (hex + "-" + random_suffix());
  if (::mkdir(temp.c_str(), 0755) != 0) throw_errno("cannot create " + temp.string());
  return Pending(std::move(lock), std::move(temp), path_of(chain_id));
}

void LayerStore::unpack_from_blob(const std::string& chain_id, const std::string& diff_id,
                                  const fs::path& blob, const std::string& layer_name) const {
  auto pending = begin(chain_id);
  if (!pending) return;
  const auto stats = apply_layer(blob.string(), pending->dir().string(), layer_name, diff_id,
                                 WhiteoutMode::overlay);
  pending->commit(stats.content_bytes);
}

LayerStore::Pending::Pending(FileLock lock, fs::path temp, fs::path final_path)
    : lock_(std::move(lock)), temp_(std::move(temp)), final_(std::move(final_path)) {}

LayerStore::Pending::Pending(Pending&& other) noexcept
    : lock_(std::move(other.lock_)),
      temp_(std::exchange(other.temp_, {})),
      final_(std::move(other.final_)) {}

LayerStore::Pending::~Pending() {
  if (temp_.empty()) return;
  std::error_code ec;
  fs::remove_all(temp_, ec);
}

void LayerStore::Pending::commit(std::uint64_t content_bytes) {
  // The files must be on disk before the name says the layer is complete.
  UniqueFd dir(::open(temp_.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (!dir) throw_errno("cannot open " + temp_.string());
  // On the directory itself, so the size comes and goes with the layer. A file system without
  // user xattrs only costs `images` a recount.
  const std::string size = std::to_string(content_bytes);
  ::fsetxattr(dir.get(), kContentBytesXattr, size.data(), size.size(), 0);
  if (::syncfs(dir.get()) != 0) throw_errno("cannot sync " + temp_.string());
  if (::rename(temp_.c_str(), final_.c_str()) != 0) {
    throw_errno("cannot move the unpacked layer to " + final_.string());
  }
  temp_.clear();
  sync_directory(final_.parent_path());
}

}  // namespace mydocker
