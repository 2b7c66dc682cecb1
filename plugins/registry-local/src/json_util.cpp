#include "json_util.hpp"

#include "mydocker/errors.hpp"

namespace mydocker::local {

using nlohmann::json;

json parse_json(std::string_view text, const std::string& what) {
  json doc = json::parse(text.begin(), text.end(), nullptr, /*allow_exceptions=*/false);
  if (doc.is_discarded()) throw Error(what + " is not valid JSON");
  return doc;
}

std::string json_string(const json& obj, const char* key, const std::string& what, bool required) {
  auto it = obj.find(key);
  if (it == obj.end() || it->is_null()) {
    if (required) throw Error(what + ": \"" + key + "\" is missing");
    return {};
  }
  if (!it->is_string()) throw Error(what + ": \"" + key + "\" must be a string");
  return it->get<std::string>();
}

std::vector<std::string> json_strings(const json& obj, const char* key, const std::string& what) {
  std::vector<std::string> out;
  auto it = obj.find(key);
  if (it == obj.end() || it->is_null()) return out;
  const std::string bad = what + ": \"" + key + "\" must be an array of strings";
  if (!it->is_array()) throw Error(bad);
  for (const auto& item : *it) {
    if (!item.is_string()) throw Error(bad);
    out.push_back(item.get<std::string>());
  }
  return out;
}

}  // namespace mydocker::local
