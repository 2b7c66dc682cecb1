// TLS material for one registry host, found the way docker finds it: in certs.d/HOST[:PORT]/,
// *.crt files are extra CAs and NAME.cert + NAME.key a client certificate.
#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

namespace mydocker::hub {

struct TlsOptions {
  bool verify = true;
  // Replaces libcurl's CA file when set: the default bundle plus certs.d CAs.
  std::shared_ptr<const std::string> ca_bundle;
  std::string client_cert;  // paths; both or neither
  std::string client_key;
};

// Looks in each `certs_dirs`/host (host is host[:port] as in the image reference).
TlsOptions find_tls_options(const std::vector<std::filesystem::path>& certs_dirs,
                            const std::string& host);

}  // namespace mydocker::hub
