#include "store/store_check.hpp"

#include <fcntl.h>
#include <unistd.h>

#include "mydocker/unique_fd.hpp"
#include "store/file_lock.hpp"
#include "store/stored_image.hpp"
#include "util/digest_check.hpp"
#include "util/interruption.hpp"

namespace mydocker {

namespace {

namespace fs = std::filesystem;

// The digest of a file's content, or "" when it cannot be read.
std::string digest_of_file(const fs::path& path) {
  UniqueFd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW));
  if (!fd) return "";
  Sha256 hash;
  std::vector<char> buf(1 << 20);
  while (true) {
    throw_if_interrupted();
    const ssize_t n = ::read(fd.get(), buf.data(), buf.size());
    if (n == 0) break;
    if (n < 0) return "";
    hash.update(buf.data(), static_cast<std::size_t>(n));
  }
  return hash.finish();
}

// A name worth keeping: its manifest and config are in the store and agree.
bool usable(const Store& store, const ImageRecord& record) {
  if (!store.blobs.has(record.manifest_digest) || !store.blobs.has(record.config_digest)) {
    return false;
  }
  try {
    const auto image = read_stored_image(store.blobs, record.name, record.manifest_digest);
    return image.manifest.config.digest == record.config_digest;
  } catch (const Error&) {
    return false;
  }
}

// A damaged images.json is reported; repaired by keeping whichever of its entries are whole
// and usable, the rest of the names being reset.
void check_names(Store& store, bool repair, CheckResult& result) {
  const ImageNamesFile names = store.names.inspect();
  if (!names.damage) return;
  std::string line = *names.damage;
  const auto done = repair
                        ? store.names.repair([&](const ImageRecord& r) { return usable(store, r); })
                        : std::nullopt;
  if (done) {
    ++result.repaired;
    line += ": kept as " + done->set_aside.string() + "; " +
            (done->kept > 0 ? std::to_string(done->kept) + " image names recovered"
                            : "the image names are reset (pull the images again)") +
            (done->dropped > 0 ? ", " + std::to_string(done->dropped) + " unusable dropped" : "");
  } else if (!repair) {
    line += ": run `mydocker system check --repair` to recover what it can";
  }
  result.problems.push_back(line);
}

}  // namespace

CheckResult check_store(Store& store, bool repair) {
  // Shared: a check runs beside pulls and runs; a blob being written is not yet under its name.
  // Only a repair writes: a check alone leaves a fresh or read-only store as it is.
  const FileLock in_use = repair ? FileLock(store.layout.lock("store"), FileLock::Mode::shared)
                                 : FileLock::for_reading(store.layout.lock("store"));
  CheckResult result;
  std::error_code ec;
  for (fs::directory_iterator it(store.layout.blobs_dir(), ec), end; !ec && it != end;
       it.increment(ec)) {
    const std::string expected = "sha256:" + it->path().filename().string();
    ++result.blobs_checked;
    if (!is_valid_digest(expected)) {
      result.problems.push_back("stray file in the blob store: " + it->path().string());
      continue;
    }
    if (digest_of_file(it->path()) == expected) continue;
    std::string line = "blob " + expected + " is damaged (its content does not match its digest)";
    if (repair) {
      std::error_code rm_ec;
      fs::remove(it->path(), rm_ec);
      if (!rm_ec) {
        ++result.repaired;
        line += ": removed, the next pull fetches it again";
      }
    }
    result.problems.push_back(line);
  }
  check_names(store, repair, result);
  for (const auto& record : store.names.inspect().records) {
    for (const auto& digest : {record.manifest_digest, record.config_digest}) {
      if (!store.blobs.has(digest)) {
        result.problems.push_back("image " + record.name + " lacks blob " + digest +
                                  ": pull it again");
      }
    }
  }
  return result;
}

}  // namespace mydocker
