// A sequential reader over a (possibly compressed) tar file, owning its libarchive handle.
#pragma once

#include <cstddef>
#include <memory>
#include <string>

#include "mydocker/errors.hpp"

struct archive;
struct archive_entry;

namespace mydocker::local {

// The archive is damaged. before_first_entry tells "not a tar at all" from "truncated".
class TarError : public Error {
 public:
  TarError(const std::string& message, bool before_first_entry)
      : Error(message), before_first_entry_(before_first_entry) {}
  bool before_first_entry() const noexcept { return before_first_entry_; }

 private:
  bool before_first_entry_;
};

class TarReader {
 public:
  // Reads from the start of fd, which must stay open and seekable while this object lives.
  // label names the archive in error messages.
  TarReader(int fd, std::string label);
  ~TarReader();
  TarReader(const TarReader&) = delete;
  TarReader& operator=(const TarReader&) = delete;

  // The next entry (valid until the next call), nullptr at the end; throws TarError.
  archive_entry* next();
  // Up to size bytes of the current entry's data, 0 at its end; throws TarError.
  std::size_t read(void* buf, std::size_t size);

 private:
  struct Free {
    void operator()(archive* a) const noexcept;
  };
  [[noreturn]] void fail(const std::string& doing);

  std::unique_ptr<archive, Free> archive_;
  std::string label_;
  std::size_t entries_ = 0;
};

}  // namespace mydocker::local
