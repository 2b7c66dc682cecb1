// `load` without -i, as `docker save IMAGE | mydocker load`: the archive is copied from stdin
// into a file in the store's temporary directory (the local source seeks in it, a pipe cannot),
// removed when done; if mydocker is killed, the next `rmi` or `system prune` removes it.
#pragma once

#include <filesystem>

namespace mydocker {

class StdinArchive {
 public:
  // Reads stdin to its end into a new directory under `temp_dir`. Throws Error, as docker
  // does, when stdin is a terminal (nothing would ever come: refused before waiting) or empty.
  explicit StdinArchive(const std::filesystem::path& temp_dir);
  ~StdinArchive();
  StdinArchive(const StdinArchive&) = delete;
  StdinArchive& operator=(const StdinArchive&) = delete;

  // The file, for the local source. Its name is not an image name, so an OCI archive that
  // only tags its image is not named after it (as it would be after a file name given to -i).
  const std::filesystem::path& path() const { return file_; }

  // The terminal check alone, for before anything is created.
  static void refuse_terminal();

 private:
  void copy_stdin();

  std::filesystem::path dir_;
  std::filesystem::path file_;
};

}  // namespace mydocker
