#include "store/image_names.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <cstdio>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "mydocker/errors.hpp"
#include "store/atomic_file.hpp"
#include "store/file_lock.hpp"
#include "store/store_layout.hpp"
#include "util/digest_check.hpp"
#include "util/system_error.hpp"

namespace mydocker {

namespace {

using nlohmann::json;

// Whole entries are short; anything longer is not one of ours.
constexpr std::size_t kMaxEntry = 4096;

std::optional<std::string> read_text(const std::filesystem::path& file) {
  std::ifstream in(file);
  if (!in) return std::nullopt;  // no image named yet
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

bool blank(const std::string& text) {
  return std::all_of(text.begin(), text.end(),
                     [](unsigned char c) { return std::isspace(c) != 0; });
}

ImageNamesFile read_file(const std::filesystem::path& file) {
  ImageNamesFile out;
  const auto text = read_text(file);
  if (!text) return out;
  if (blank(*text)) {
    out.damage = file.string() + " is damaged (empty)";
    return out;
  }
  try {
    out.records = parse_image_names(*text, file.string());
  } catch (const Error& e) {
    out.damage = e.what();
  }
  return out;
}

// The quoted JSON string that ends just before `end` (the name before `: {`), if there is one.
std::optional<std::string> name_before(const std::string& text, std::size_t end) {
  while (end > 0 && std::isspace(static_cast<unsigned char>(text[end - 1]))) --end;
  if (end == 0 || text[end - 1] != ':') return std::nullopt;
  --end;
  while (end > 0 && std::isspace(static_cast<unsigned char>(text[end - 1]))) --end;
  if (end < 2 || text[end - 1] != '"') return std::nullopt;
  const std::size_t open = text.rfind('"', end - 2);
  if (open == std::string::npos) return std::nullopt;
  try {
    return json::parse(text.substr(open, end - open)).get<std::string>();
  } catch (const json::exception&) {
    return std::nullopt;
  }
}

std::optional<ImageRecord> entry_at(const std::string& text, std::size_t open) {
  const std::size_t close = text.find_first_of("{}", open + 1);
  if (close == std::string::npos || text[close] != '}' || close - open > kMaxEntry) {
    return std::nullopt;
  }
  const auto name = name_before(text, open);
  if (!name || name->empty() || *name == "images") return std::nullopt;
  try {
    const std::string body =
        "{\"images\": {" + json(*name).dump() + ": " + text.substr(open, close - open + 1) + "}}";
    auto records = parse_image_names(body, "entry");
    if (records.size() == 1) return records.front();
  } catch (const Error&) {
  }
  return std::nullopt;
}

std::atomic<bool> g_warned{false};

void warn_once(const std::string& damage) {
  if (g_warned.exchange(true)) return;
  spdlog::warn("{}: its image names are ignored; run `mydocker system check --repair`", damage);
}

std::filesystem::path set_aside_path(const std::filesystem::path& file) {
  return file.string() + ".damaged";
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
      r.size = value.value("content_size", std::int64_t{-1});
      r.pulled = value.value("pulled", false);
      require_valid_digest(r.manifest_digest, what + ": " + name);
      require_valid_digest(r.config_digest, what + ": " + name);
      out.push_back(std::move(r));
    }
  } catch (const json::exception& e) {
    throw Error(what + " is damaged (" + e.what() + ")");
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
                      {"content_size", r.size},
                      {"pulled", r.pulled}};
  }
  return json{{"images", images}}.dump(2) + "\n";
}

std::vector<ImageRecord> salvage_image_names(const std::string& text) {
  std::vector<ImageRecord> out;
  for (std::size_t open = text.find('{'); open != std::string::npos;
       open = text.find('{', open + 1)) {
    if (auto record = entry_at(text, open)) {
      std::erase_if(out, [&](const ImageRecord& r) { return r.name == record->name; });
      out.push_back(std::move(*record));
    }
  }
  std::sort(out.begin(), out.end(),
            [](const ImageRecord& a, const ImageRecord& b) { return a.name < b.name; });
  return out;
}

ImageNames::ImageNames(const std::filesystem::path& store_root)
    : file_(StoreLayout(store_root).images_file()), lock_(StoreLayout(store_root).lock("images")) {}

std::vector<ImageRecord> ImageNames::read_warning() const {
  ImageNamesFile names = read_file(file_);
  if (names.damage) warn_once(*names.damage);
  return std::move(names.records);
}

std::vector<ImageRecord> ImageNames::read_for_update() {
  ImageNamesFile names = read_file(file_);
  if (!names.damage) return std::move(names.records);
  warn_once(*names.damage);
  auto kept = salvage_image_names(read_text(file_).value_or(""));
  if (::rename(file_.c_str(), set_aside_path(file_).c_str()) != 0) {
    throw_errno("cannot move the damaged " + file_.string() + " aside");
  }
  write_file_atomically(file_, format_image_names(kept));
  return kept;
}

ImageNamesFile ImageNames::inspect() const {
  const auto lock = FileLock::for_reading(lock_);
  return read_file(file_);
}

std::optional<NamesRepair> ImageNames::repair(
    const std::function<bool(const ImageRecord&)>& usable) {
  FileLock lock(lock_, FileLock::Mode::exclusive);
  if (!read_file(file_).damage) return std::nullopt;
  g_warned = true;  // the repair is what the warning asks for
  NamesRepair result;
  auto records = read_for_update();
  const std::size_t found = records.size();
  std::erase_if(records, [&](const ImageRecord& r) { return !usable(r); });
  result.kept = records.size();
  result.dropped = found - records.size();
  result.set_aside = set_aside_path(file_);
  write_file_atomically(file_, format_image_names(records));
  return result;
}

std::vector<ImageRecord> ImageNames::list() const {
  const auto lock = FileLock::for_reading(lock_);
  return read_warning();
}

std::optional<ImageRecord> ImageNames::find(const std::string& name) const {
  for (auto& r : list()) {
    if (r.name == name) return r;
  }
  return std::nullopt;
}

void ImageNames::put(const ImageRecord& record) {
  FileLock lock(lock_, FileLock::Mode::exclusive);
  auto records = read_for_update();
  std::erase_if(records, [&](const ImageRecord& r) { return r.name == record.name; });
  records.push_back(record);
  write_file_atomically(file_, format_image_names(records));
}

bool ImageNames::remove(const std::string& name) {
  FileLock lock(lock_, FileLock::Mode::exclusive);
  auto records = read_for_update();
  if (std::erase_if(records, [&](const ImageRecord& r) { return r.name == name; }) == 0) {
    return false;
  }
  write_file_atomically(file_, format_image_names(records));
  return true;
}

}  // namespace mydocker
