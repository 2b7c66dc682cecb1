// Unpacking image layers onto a directory: the one place untrusted tarballs touch the disk.
#pragma once

#include <cstdint>
#include <string>

namespace mydocker {

// How whiteout entries are treated.
enum class WhiteoutMode {
  // Layers are applied one after another onto the same directory: a whiteout deletes what it
  // names from the directory (only what came from earlier layers, never this layer's own files).
  apply,
  // One layer alone into an empty directory, in the form overlayfs wants its lower layers:
  // `.wh.NAME` becomes a 0/0 character device NAME, `.wh..wh..opq` the xattr
  // trusted.overlay.opaque=y on its directory. Nothing is deleted.
  overlay,
};

struct UnpackStats {
  std::uint64_t entries = 0;        // tar entries read, whiteouts and skipped ones included
  std::uint64_t bytes = 0;          // size of the uncompressed tar stream (what the diff_id covers)
  std::uint64_t content_bytes = 0;  // see content_bytes_of
};

// Applies one layer tarball (plain tar, gzip or zstd: detected from the bytes, not the media
// type) onto the directory `root_dir`, which must exist. Every path is resolved inside root_dir
// (openat2 with RESOLVE_IN_ROOT), so no entry can create, modify, link to or delete anything
// outside it. `expected_diff_id` ("sha256:..."; empty = don't check) is compared with the
// sha256 of the uncompressed tar stream; a mismatch throws Error. Throws Error naming the layer
// (`layer_name`, e.g. "layer 2/3 sha256:abcd…") and the entry on refusal or failure.
//
// The layer is streamed, so on any Error (the diff_id check included, which can only be done
// at the end) root_dir holds part of it: unpack into a fresh directory and discard it then.
// Owners are set when running as root; otherwise a refused chown is ignored.
UnpackStats apply_layer(const std::string& layer_path, const std::string& root_dir,
                        const std::string& layer_name, const std::string& expected_diff_id,
                        WhiteoutMode mode = WhiteoutMode::apply);

// The same from a stream (a pipe or socket while the layer downloads), which stays the
// caller's to close. Whatever happens, the stream is read to its end before this returns or
// throws, so the writer on the other side never blocks for good.
UnpackStats apply_layer(int layer_fd, const std::string& root_dir, const std::string& layer_name,
                        const std::string& expected_diff_id, WhiteoutMode mode);

}  // namespace mydocker
