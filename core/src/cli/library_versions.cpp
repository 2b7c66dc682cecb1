#include "cli/library_versions.hpp"

#include <archive.h>
#include <curl/curl.h>
#include <dlfcn.h>
#include <openssl/crypto.h>
#include <spdlog/version.h>

#include <CLI/Version.hpp>
#include <boost/version.hpp>
#include <nlohmann/json.hpp>

#include "git_commit.hpp"  // generated at build time, see cmake/git_commit.cmake

namespace mydocker {

namespace {

std::string dotted(int major, int minor, int patch) {
  return std::to_string(major) + "." + std::to_string(minor) + "." + std::to_string(patch);
}

std::string without_prefix(std::string text, const std::string& prefix) {
  return text.starts_with(prefix) ? text.substr(prefix.size()) : text;
}

// Only the registry-hub plugin links libcurl; the core asks the library that plugin would get
// rather than linking it into every mydocker command for one line of output.
std::string libcurl_version() {
  void* library = ::dlopen("libcurl.so.4", RTLD_LAZY | RTLD_LOCAL);
  if (library == nullptr) return "not found";
  using VersionInfo = curl_version_info_data* (*)(CURLversion);
  const auto info = reinterpret_cast<VersionInfo>(::dlsym(library, "curl_version_info"));
  std::string version = info != nullptr ? info(CURLVERSION_NOW)->version : "unknown";
  ::dlclose(library);
  return version;
}

}  // namespace

std::string build_git_commit() { return MYDOCKER_GIT_COMMIT; }

std::vector<std::pair<std::string, std::string>> library_versions() {
  return {
      {"libcurl", libcurl_version()},
      {"libarchive", without_prefix(archive_version_details(), "libarchive ")},
      {"OpenSSL", without_prefix(OpenSSL_version(OPENSSL_VERSION), "OpenSSL ")},
      {"nlohmann_json", dotted(NLOHMANN_JSON_VERSION_MAJOR, NLOHMANN_JSON_VERSION_MINOR,
                               NLOHMANN_JSON_VERSION_PATCH)},
      {"spdlog", dotted(SPDLOG_VER_MAJOR, SPDLOG_VER_MINOR, SPDLOG_VER_PATCH)},
      {"Boost", dotted(BOOST_VERSION / 100000, BOOST_VERSION / 100 % 1000, BOOST_VERSION % 100)},
      {"CLI11", CLI11_VERSION},
  };
}

}  // namespace mydocker
