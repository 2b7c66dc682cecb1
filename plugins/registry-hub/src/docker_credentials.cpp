#include "docker_credentials.hpp"

#include <cctype>
#include <nlohmann/json.hpp>

#include "base64.hpp"
#include "endpoints.hpp"
#include "mydocker/errors.hpp"

namespace mydocker::hub {

namespace {

// "https://index.docker.io/v1/" -> "index.docker.io"; Docker Hub's aliases -> "docker.io".
std::string server_key(std::string_view key) {
  if (const auto sep = key.find("://"); sep != std::string_view::npos) key.remove_prefix(sep + 3);
  key = key.substr(0, key.find('/'));
  std::string out(key);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (out == "index.docker.io" || out == "registry-1.docker.io" ||
      out == "registry.hub.docker.com") {
    return kDockerHub;
  }
  return out;
}

std::string string_field(const nlohmann::json& obj, const char* key) {
  auto it = obj.find(key);
  return it != obj.end() && it->is_string() ? it->get<std::string>() : std::string();
}

Credentials decode_entry(const nlohmann::json& entry, const std::string& server,
                         const std::string& path) {
  Credentials creds;
  const std::string auth = string_field(entry, "auth");
  if (!auth.empty()) {
    const auto decoded = base64_decode(auth);
    const auto colon = decoded ? decoded->find(':') : std::string::npos;
    if (colon == std::string::npos) {
      throw Error(path + ": the \"auth\" of " + server +
                  " is not base64 of \"user:password\"; log in again");
    }
    creds.username = decoded->substr(0, colon);
    creds.password = decoded->substr(colon + 1);
  } else {
    creds.username = string_field(entry, "username");
    creds.password = string_field(entry, "password");
  }
  creds.identity_token = string_field(entry, "identitytoken");
  creds.registry_token = string_field(entry, "registrytoken");
  return creds;
}

}  // namespace

std::string helper_server_name(const std::string& server) {
  return server == kDockerHub ? "https://index.docker.io/v1/" : server;
}

CredentialLookup lookup_credentials(std::string_view config_json, const std::string& server,
                                    const std::string& path) {
  nlohmann::json doc;
  try {
    doc = nlohmann::json::parse(config_json);
  } catch (const nlohmann::json::exception& e) {
    throw Error("cannot parse " + path + ": " + e.what());
  }
  CredentialLookup out;
  if (!doc.is_object()) return out;
  const std::string wanted = server_key(server);

  if (auto helpers = doc.find("credHelpers"); helpers != doc.end() && helpers->is_object()) {
    for (const auto& [key, value] : helpers->items()) {
      if (server_key(key) == wanted && value.is_string()) out.helper = value.get<std::string>();
    }
  }
  if (out.helper.empty()) out.helper = string_field(doc, "credsStore");

  if (auto auths = doc.find("auths"); auths != doc.end() && auths->is_object()) {
    for (const auto& [key, value] : auths->items()) {
      if (server_key(key) != wanted || !value.is_object()) continue;
      Credentials creds = decode_entry(value, server, path);
      if (!creds.username.empty() || !creds.identity_token.empty() ||
          !creds.registry_token.empty()) {
        out.credentials = std::move(creds);
        break;
      }
    }
  }
  return out;
}

std::optional<Credentials> parse_helper_output(std::string_view json) {
  const auto doc = nlohmann::json::parse(json, nullptr, false);
  if (doc.is_discarded() || !doc.is_object()) return std::nullopt;
  Credentials creds;
  const std::string user = string_field(doc, "Username");
  const std::string secret = string_field(doc, "Secret");
  if (user == "<token>") {
    creds.identity_token = secret;
  } else {
    creds.username = user;
    creds.password = secret;
  }
  if (creds.username.empty() && creds.identity_token.empty()) return std::nullopt;
  return creds;
}

}  // namespace mydocker::hub
