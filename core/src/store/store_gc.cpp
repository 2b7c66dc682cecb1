#include "store/store_gc.hpp"

#include <set>
#include <string>

#include "mydocker/errors.hpp"
#include "store/file_lock.hpp"
#include "store/stored_image.hpp"
#include "util/digest_check.hpp"

namespace mydocker {

namespace {

namespace fs = std::filesystem;

struct Referenced {
  std::set<std::string> blob_hexes;
  std::set<std::string> layer_hexes;
};

Referenced referenced_by_names(Store& store) {
  Referenced out;
  const ImageNamesFile names = store.names.inspect();
  // Without its names every blob looks unused: pruning now would delete every image.
  if (names.damage) {
    throw Error(*names.damage + ": run `mydocker system check --repair` before pruning");
  }
  for (const auto& record : names.records) {
    out.blob_hexes.emplace(digest_hex(record.manifest_digest));
    out.blob_hexes.emplace(digest_hex(record.config_digest));
    if (!store.blobs.has(record.manifest_digest) || !store.blobs.has(record.config_digest)) {
      continue;  // a damaged image: what remains of it stays for a pull to complete
    }
    const PulledImage image = read_stored_image(store.blobs, record.name, record.manifest_digest);
    for (const auto& layer : image.manifest.layers)
      out.blob_hexes.emplace(digest_hex(layer.digest));
    for (const auto& chain : chain_ids(image.config.diff_ids)) {
      out.layer_hexes.emplace(digest_hex(chain));
    }
  }
  return out;
}

}  // namespace

GcResult collect_garbage(Store& store) {
  const auto lock = FileLock::try_lock(store.layout.lock("store"), FileLock::Mode::exclusive);
  if (!lock.held()) {
    throw Error("the store " + store.layout.root().string() +
                " is in use by other mydocker commands; try again when they have finished");
  }
  const Referenced keep = referenced_by_names(store);
  GcResult result;
  std::error_code ec;
  for (fs::directory_iterator it(store.layout.blobs_dir(), ec), end; !ec && it != end;
       it.increment(ec)) {
    const auto name = it->path().filename().string();
    if (keep.blob_hexes.count(name) != 0) continue;
    std::error_code size_ec;
    const auto size = fs::file_size(it->path(), size_ec);
    if (fs::remove(it->path(), size_ec)) {
      ++result.blobs;
      result.bytes += size_ec ? 0 : size;
    }
  }
  for (fs::directory_iterator it(store.layout.layers_dir(), ec), end; !ec && it != end;
       it.increment(ec)) {
    const auto name = it->path().filename().string();
    if (name == ".tmp" || keep.layer_hexes.count(name) != 0) continue;
    std::error_code rm_ec;
    if (fs::remove_all(it->path(), rm_ec) > 0) ++result.layers;
  }
  // Nobody else uses the store: every temporary directory belongs to interrupted work, and
  // every container directory to a run that was killed (its tmpfs went with its namespace).
  for (const auto& dir : {store.layout.layer_temp_dir(), store.layout.containers_dir()}) {
    for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
      std::error_code rm_ec;
      if (fs::remove_all(it->path(), rm_ec) > 0) ++result.leftovers;
    }
  }
  return result;
}

}  // namespace mydocker
