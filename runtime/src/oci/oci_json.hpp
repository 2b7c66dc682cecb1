// Reading config.json (and `exec --process` files) field by field: every reader knows the JSON
// path it stands at, so a wrong value is reported as "config.json: process.args[0] must be a
// string, not a number" rather than as a parser exception. Fields the runtime does not know are
// never looked at, as runc ignores them.
#pragma once

#include <concepts>
#include <cstdint>
#include <limits>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

namespace mydocker::runtime::oci {

// Parses `text`; throws mydocker::Error "FILE is not valid JSON: parse error at line 3..." .
nlohmann::json parse_json(const std::string& text, const std::string& file);

// Reads the file at `path` (at most `limit` bytes, a regular file only) and parses it. `what`
// names it in errors ("config.json in /bundle"): "cannot read WHAT: No such file or directory".
nlohmann::json read_json_file(const std::string& path, const std::string& what,
                              std::uint64_t limit = 4 << 20);

// One value of a parsed document and the path that leads to it. Refers to the document, which
// must outlive it.
class JsonField {
 public:
  // The document's root; `file` starts every error message ("config.json").
  JsonField(const nlohmann::json& root, std::string file) : value_(&root), file_(std::move(file)) {}

  const std::string& path() const { return path_; }
  const nlohmann::json& json() const { return *value_; }

  // The member `key` of this object, or nothing when it is absent or null (Go's zero value:
  // runc treats both alike). Throws when this is not an object.
  std::optional<JsonField> find(std::string_view key) const;
  // The member `key`, which must be there: "config.json: process.cwd is required".
  JsonField at(std::string_view key) const;

  // This array's elements (empty for a null), "mounts[3]" and so on.
  std::vector<JsonField> elements() const;
  // This object's members in key order.
  std::vector<std::pair<std::string, JsonField>> members() const;

  std::string string() const;
  bool boolean() const;
  std::vector<std::string> strings() const;
  std::map<std::string, std::string> string_map() const;

  // An integer that fits T; a float or a number out of T's range is refused.
  template <std::integral T>
  T integer() const {
    if (value_->is_number_unsigned()) {
      const auto v = value_->get<std::uint64_t>();
      if (!std::in_range<T>(v)) fail_range(std::to_string(v), range_text<T>());
      return static_cast<T>(v);
    }
    if (value_->is_number_integer()) {
      const auto v = value_->get<std::int64_t>();
      if (!std::in_range<T>(v)) fail_range(std::to_string(v), range_text<T>());
      return static_cast<T>(v);
    }
    fail_type("an integer");
  }

  // Throws mydocker::Error "FILE: PATH PROBLEM", e.g. problem "must be an absolute path".
  [[noreturn]] void fail(const std::string& problem) const;
  // The same for this object's member `key`, present or not: "FILE: PATH.KEY PROBLEM".
  [[noreturn]] void fail_member(std::string_view key, const std::string& problem) const;

 private:
  JsonField(const nlohmann::json& value, std::string path, std::string file)
      : value_(&value), path_(std::move(path)), file_(std::move(file)) {}

  std::string member_path(std::string_view key) const {
    return path_.empty() ? std::string(key) : path_ + "." + std::string(key);
  }

  template <std::integral T>
  static std::string range_text() {
    return std::to_string(std::numeric_limits<T>::min()) + " to " +
           std::to_string(std::numeric_limits<T>::max());
  }
  [[noreturn]] void fail_type(const std::string& expected) const;
  [[noreturn]] void fail_range(const std::string& value, const std::string& range) const;

  const nlohmann::json* value_;
  std::string path_;  // empty at the root
  std::string file_;
};

}  // namespace mydocker::runtime::oci
