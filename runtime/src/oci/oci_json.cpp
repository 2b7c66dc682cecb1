#include "oci_json.hpp"

#include <fcntl.h>

#include <cerrno>
#include <cstring>

#include "mydocker/errors.hpp"
#include "mydocker/untrusted_file.hpp"

namespace mydocker::runtime::oci {

namespace {

// "[json.exception.parse_error.101] parse error at ...": the bracketed tag means nothing to a
// user.
std::string without_exception_tag(const std::string& message) {
  if (message.starts_with("[json.exception.")) {
    if (const auto end = message.find("] "); end != std::string::npos)
      return message.substr(end + 2);
  }
  return message;
}

const char* type_name(const nlohmann::json& value) {
  if (value.is_number_float()) return "a fractional number";
  if (value.is_number()) return "a number";
  if (value.is_string()) return "a string";
  if (value.is_boolean()) return "a boolean";
  if (value.is_array()) return "an array";
  if (value.is_object()) return "an object";
  return "null";
}

}  // namespace

nlohmann::json parse_json(const std::string& text, const std::string& file) {
  try {
    return nlohmann::json::parse(text);
  } catch (const nlohmann::json::exception& e) {
    throw Error(file + " is not valid JSON: " + without_exception_tag(e.what()));
  }
}

nlohmann::json read_json_file(const std::string& path, const std::string& what,
                              std::uint64_t limit) {
  // A path the caller named: symlinks are followed, but a FIFO, a device or a huge file is
  // refused instead of hanging or filling memory.
  auto text = read_untrusted_file(AT_FDCWD, path, 0, what, limit);
  if (!text) throw Error("cannot read " + what + ": " + std::strerror(ENOENT));
  return parse_json(*text, what);
}

std::optional<JsonField> JsonField::find(std::string_view key) const {
  if (!value_->is_object()) fail_type("an object");
  const auto it = value_->find(key);
  if (it == value_->end() || it->is_null()) return std::nullopt;
  return JsonField(*it, member_path(key), file_);
}

JsonField JsonField::at(std::string_view key) const {
  auto field = find(key);
  if (!field) fail_member(key, "is required");
  return *field;
}

std::vector<JsonField> JsonField::elements() const {
  if (value_->is_null()) return {};
  if (!value_->is_array()) fail_type("an array");
  std::vector<JsonField> out;
  out.reserve(value_->size());
  for (std::size_t i = 0; i < value_->size(); ++i) {
    out.push_back(JsonField((*value_)[i], path_ + "[" + std::to_string(i) + "]", file_));
  }
  return out;
}

std::vector<std::pair<std::string, JsonField>> JsonField::members() const {
  if (value_->is_null()) return {};
  if (!value_->is_object()) fail_type("an object");
  std::vector<std::pair<std::string, JsonField>> out;
  for (const auto& [key, value] : value_->items()) {
    out.emplace_back(key, JsonField(value, member_path(key), file_));
  }
  return out;
}

std::string JsonField::string() const {
  if (!value_->is_string()) fail_type("a string");
  return value_->get<std::string>();
}

bool JsonField::boolean() const {
  if (!value_->is_boolean()) fail_type("a boolean");
  return value_->get<bool>();
}

std::vector<std::string> JsonField::strings() const {
  std::vector<std::string> out;
  for (const auto& element : elements()) out.push_back(element.string());
  return out;
}

std::map<std::string, std::string> JsonField::string_map() const {
  std::map<std::string, std::string> out;
  for (const auto& [key, value] : members()) out.emplace(key, value.string());
  return out;
}

void JsonField::fail(const std::string& problem) const {
  throw Error(file_ + ": " + (path_.empty() ? std::string("the document") : path_) + " " + problem);
}

void JsonField::fail_member(std::string_view key, const std::string& problem) const {
  throw Error(file_ + ": " + member_path(key) + " " + problem);
}

void JsonField::fail_type(const std::string& expected) const {
  fail("must be " + expected + ", not " + type_name(*value_));
}

void JsonField::fail_range(const std::string& value, const std::string& range) const {
  fail("is " + value + ", out of the range " + range);
}

}  // namespace mydocker::runtime::oci
