#include "curl_handle.hpp"

#include <fstream>
#include <mutex>
#include <sstream>

#include "mydocker/errors.hpp"

namespace mydocker::hub {

void ensure_curl_initialised() {
  static std::once_flag once;
  std::call_once(once, [] {
    if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
      throw Error("cannot initialise libcurl");
    }
  });
}

CurlEasy make_curl_easy() {
  ensure_curl_initialised();
  CurlEasy handle(curl_easy_init());
  if (!handle) throw Error("cannot create a libcurl handle (out of memory?)");
  return handle;
}

const std::string& default_ca_bundle() {
  static const std::string bundle = [] {
    std::string path = "/etc/ssl/certs/ca-certificates.crt";
#if LIBCURL_VERSION_NUM >= 0x075400
    if (CurlEasy probe = make_curl_easy()) {
      char* cainfo = nullptr;
      if (curl_easy_getinfo(probe.get(), CURLINFO_CAINFO, &cainfo) == CURLE_OK && cainfo) {
        path = cainfo;
      }
    }
#endif
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
  }();
  return bundle;
}

}  // namespace mydocker::hub
