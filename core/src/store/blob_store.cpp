#include "store/blob_store.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <system_error>

#include "mydocker/unique_fd.hpp"
#include "store/store_layout.hpp"
#include "util/digest_check.hpp"
#include "util/fd_io.hpp"
#include "util/interruption.hpp"
#include "util/system_error.hpp"

namespace mydocker {

namespace {

// Writes into an unnamed temporary file in the blob directory, hashing on the way; commit()
// verifies and then gives the file its digest name with linkat, which is atomic and never
// replaces an existing (equally verified) blob written concurrently.
class StoreBlobWriter : public IBlobWriter {
 public:
  StoreBlobWriter(const std::filesystem::path& dir, Descriptor blob)
      : dir_(dir), blob_(std::move(blob)), what_("blob " + short_digest(blob_.digest)) {
    fd_.reset(::open(dir.c_str(), O_TMPFILE | O_WRONLY | O_CLOEXEC, 0644));
    if (!fd_) throw_errno("cannot create a temporary file in " + dir.string());
  }

  void write(const void* data, std::size_t size) override {
    // Whatever the source: an interrupted download ends at its next write, unnamed.
    throw_if_interrupted();
    if (blob_.size >= 0 && written_ + size > static_cast<std::uint64_t>(blob_.size)) {
      throw Error(what_ + ": more data than its declared size of " + std::to_string(blob_.size) +
                  " bytes");
    }
    if (!write_all(fd_.get(), data, size)) throw_errno("cannot write " + what_);
    hash_.update(data, size);
    written_ += size;
  }

  std::size_t written() const override { return written_; }

  void commit() override {
    if (blob_.size >= 0 && written_ != static_cast<std::uint64_t>(blob_.size)) {
      throw Error(what_ + ": size mismatch (expected " + std::to_string(blob_.size) +
                  " bytes, got " + std::to_string(written_) + ")");
    }
    const std::string actual = hash_.finish();
    if (actual != blob_.digest) {
      throw Error(what_ + ": digest mismatch (content has " + short_digest(actual) +
                  "): the data is corrupt or was tampered with");
    }
    // On disk before it has a name: after a power loss a named blob is a whole blob.
    if (::fdatasync(fd_.get()) != 0) throw_errno("cannot sync " + what_);
    const std::string proc_path = "/proc/self/fd/" + std::to_string(fd_.get());
    const std::filesystem::path final_path = dir_ / std::string(digest_hex(blob_.digest));
    if (::linkat(AT_FDCWD, proc_path.c_str(), AT_FDCWD, final_path.c_str(), AT_SYMLINK_FOLLOW) !=
            0 &&
        errno != EEXIST) {
      throw_errno("cannot store " + what_ + " at " + final_path.string());
    }
    fd_.reset();
  }

 private:
  std::filesystem::path dir_;
  Descriptor blob_;
  std::string what_;
  UniqueFd fd_;
  Sha256 hash_;
  std::uint64_t written_ = 0;
};

}  // namespace

BlobStore::BlobStore(std::filesystem::path root, bool create_dirs)
    : root_(std::move(root)), blobs_dir_(StoreLayout(root_).blobs_dir()) {
  if (create_dirs) StoreLayout(root_).create();
}

bool BlobStore::has(std::string_view digest) const {
  if (!is_valid_digest(digest)) return false;
  struct stat st {};
  return ::stat(path_of(digest).c_str(), &st) == 0 && S_ISREG(st.st_mode);
}

std::filesystem::path BlobStore::path_of(std::string_view digest) const {
  require_valid_digest(digest, "blob");
  return blobs_dir_ / std::string(digest_hex(digest));
}

std::string BlobStore::read_small(std::string_view digest, std::size_t limit) const {
  const auto path = path_of(digest);
  UniqueFd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
  if (!fd) throw_errno("cannot read " + path.string());
  struct stat st {};
  if (::fstat(fd.get(), &st) != 0) throw_errno("cannot stat " + path.string());
  if (static_cast<std::uint64_t>(st.st_size) > limit) {
    throw Error("blob " + short_digest(digest) + " is " + std::to_string(st.st_size) +
                " bytes, more than the " + std::to_string(limit) + " allowed for metadata");
  }
  std::string out(static_cast<std::size_t>(st.st_size), '\0');
  std::size_t done = 0;
  while (done < out.size()) {
    ssize_t n = ::read(fd.get(), out.data() + done, out.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) throw_errno("cannot read " + path.string(), n == 0 ? EIO : errno);
    done += static_cast<std::size_t>(n);
  }
  return out;
}

std::unique_ptr<IBlobWriter> BlobStore::open(const Descriptor& blob) {
  require_valid_digest(blob.digest, "blob");
  return std::make_unique<StoreBlobWriter>(blobs_dir_, blob);
}

}  // namespace mydocker
