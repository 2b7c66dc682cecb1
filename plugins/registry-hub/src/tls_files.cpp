#include "tls_files.hpp"

#include <algorithm>
#include <fstream>
#include <sstream>

#include "curl_handle.hpp"

namespace mydocker::hub {

namespace {

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace

TlsOptions find_tls_options(const std::vector<std::filesystem::path>& certs_dirs,
                            const std::string& host) {
  TlsOptions tls;
  std::string extra_cas;
  for (const auto& base : certs_dirs) {
    const auto dir = base / host;
    std::error_code ec;
    if (host.empty() || host.find('/') != std::string::npos ||
        !std::filesystem::is_directory(dir, ec)) {
      continue;
    }
    std::vector<std::filesystem::path> files;
    for (const auto& entry : std::filesystem::directory_iterator(dir, ec))
      files.push_back(entry.path());
    std::sort(files.begin(), files.end());  // the same order on every run
    for (const auto& file : files) {
      if (file.extension() == ".crt") {
        extra_cas += read_file(file);
        extra_cas += '\n';
      } else if (file.extension() == ".cert" && tls.client_cert.empty()) {
        auto key = file;
        key.replace_extension(".key");
        if (std::filesystem::exists(key, ec)) {
          tls.client_cert = file.string();
          tls.client_key = key.string();
        }
      }
    }
  }
  if (!extra_cas.empty()) {
    tls.ca_bundle = std::make_shared<const std::string>(default_ca_bundle() + "\n" + extra_cas);
  }
  return tls;
}

}  // namespace mydocker::hub
