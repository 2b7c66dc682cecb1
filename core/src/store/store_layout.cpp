#include "store/store_layout.hpp"

#include <system_error>

#include "mydocker/errors.hpp"

namespace mydocker {

void StoreLayout::create() const {
  namespace fs = std::filesystem;
  for (const auto& dir : {blobs_dir(), layer_temp_dir(), locks_dir(), containers_dir()}) {
    std::error_code ec;
    fs::create_directories(dir, ec);
    if (ec) throw Error("cannot create the store directory " + dir.string() + ": " + ec.message());
  }
}

}  // namespace mydocker
