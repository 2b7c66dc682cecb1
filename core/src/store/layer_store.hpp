// Unpacked layers, one directory per chain id under <root>/layers, in overlayfs form (whiteouts
// as 0/0 character devices, opaque directories by xattr) so a container's rootfs is an overlay
// mount over them. A layer is unpacked into layers/.tmp and renamed into place only once its
// diff_id verified, under a per-layer lock: a layer directory that exists is always complete,
// and two processes never unpack the same layer at once.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>

#include "store/file_lock.hpp"
#include "store/store_layout.hpp"

namespace mydocker {

class LayerStore {
 public:
  explicit LayerStore(const std::filesystem::path& store_root);

  std::filesystem::path path_of(const std::string& chain_id) const;
  bool has(const std::string& chain_id) const;
  // The content bytes recorded when the layer was unpacked (see content_bytes_of); nothing for
  // a layer that is not there or was unpacked before sizes were recorded.
  std::optional<std::uint64_t> content_bytes(const std::string& chain_id) const;

  // A layer being unpacked: holds the layer's lock and a fresh temporary directory, removed
  // unless commit() moved it into place.
  class Pending {
   public:
    Pending(Pending&& other) noexcept;
    Pending& operator=(Pending&&) = delete;
    ~Pending();
    const std::filesystem::path& dir() const { return temp_; }
    // Moves the layer into place, recording its content bytes with it.
    void commit(std::uint64_t content_bytes);

   private:
    friend class LayerStore;
    Pending(FileLock lock, std::filesystem::path temp, std::filesystem::path final_path);
    FileLock lock_;
    std::filesystem::path temp_;
    std::filesystem::path final_;
  };

  // Takes the layer's lock (waiting for another process unpacking it) and returns a Pending
  // to unpack into, or nothing when the layer is there by then.
  std::optional<Pending> begin(const std::string& chain_id) const;

  // Unpacks a stored layer blob unless the layer is already there.
  void unpack_from_blob(const std::string& chain_id, const std::string& diff_id,
                        const std::filesystem::path& blob, const std::string& layer_name) const;

 private:
  StoreLayout layout_;
};

}  // namespace mydocker
