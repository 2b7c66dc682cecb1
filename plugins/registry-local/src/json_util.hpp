// Parsing untrusted JSON metadata into one-line errors instead of exceptions from the parser.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

namespace mydocker::local {

// what names the document in errors, e.g. "archive ./x.tar: manifest.json".
nlohmann::json parse_json(std::string_view text, const std::string& what);

// obj[key] as a string; throws `WHAT: "KEY" must be a string` when it is anything else.
// Missing or null gives "" unless required.
std::string json_string(const nlohmann::json& obj, const char* key, const std::string& what,
                        bool required);

// obj[key] as strings; missing or null gives {}.
std::vector<std::string> json_strings(const nlohmann::json& obj, const char* key,
                                      const std::string& what);

}  // namespace mydocker::local
