#include "store/image_names.hpp"

#include <algorithm>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "image/digest.hpp"
#include "mydocker/errors.hpp"
#include "store/atomic_file.hpp"
#include "store/file_lock.hpp"
#include "store/store_layout.hpp"

namespace mydocker {

namespace {

using nlohmann::json;

std::vector<ImageRecord> read_file(const std::filesystem::path& file) {
  std::ifstream in(file);
  if (!in) return {};  // no image named yet
  std::stringstream text;
  text << in.rdbuf();
  return parse_image_names(text.str(), file.string());
}

}  // namespace

std::vector<ImageRecord> parse_image_names(const std::string& text, const std::string& what) {
  std::vector<ImageRecord> out;
  try {
    const json doc = json::parse(text);
    for (const auto& [name, value] : doc.at("images").items()) {
      ImageRecord r;
      r.name = name;
      r.manifest_digest = value.at("manifest").get<std::string>();
      r.config_digest = value.at("config").get<std::string>();
      r.created = value.value("created", "");
      r.size = value.value("size", std::int64_t{0});
      require_valid_digest(r.manifest_digest, what + ": " + name);
      require_valid_digest(r.config_digest, what + ": " + name);
      out.push_back(std::move(r));
    }
  } catch (const json::exception& e) {
    throw Error(what + " is damaged (" + e.what() + "): remove it and pull the images again");
  }
  std::sort(out.begin(), out.end(),
            [](const ImageRecord& a, const ImageRecord& b) { return a.name < b.name; });
  return out;
}

std::string format_image_names(const std::vector<ImageRecord>& records) {
  json images = json::object();
  for (const auto& r : records) {
    images[r.name] = {{"manifest", r.manifest_digest},
                      {"config", r.config_digest},
                      {"created", r.created},
                      {"size", r.size}};
  }
  return json{{"images", images}}.dump(2) + "\n";
}

ImageNames::ImageNames(const std::filesystem::path& store_root)
    : file_(StoreLayout(store_root).images_file()), lock_(StoreLayout(store_root).lock("images")) {}

std::vector<ImageRecord> ImageNames::list() const {
  FileLock lock(lock_, FileLock::Mode::shared);
  return read_file(file_);
}

std::optional<ImageRecord> ImageNames::find(const std::string& name) const {
  for (auto& r : list()) {
    if (r.name == name) return r;
  }
  return std::nullopt;
}

void ImageNames::put(const ImageRecord& record) {
  FileLock lock(lock_, FileLock::Mode::exclusive);
  auto records = read_file(file_);
  std::erase_if(records, [&](const ImageRecord& r) { return r.name == record.name; });
  records.push_back(record);
  write_file_atomically(file_, format_image_names(records));
}

bool ImageNames::remove(const std::string& name) {
  FileLock lock(lock_, FileLock::Mode::exclusive);
  auto records = read_file(file_);
  if (std::erase_if(records, [&](const ImageRecord& r) { return r.name == name; }) == 0) {
    return false;
  }
  write_file_atomically(file_, format_image_names(records));
  return true;
}

}  // namespace mydocker
