// RAII for libcurl: easy handles, header lists, URL handles and strings are freed on every path,
// and the library is initialised once per process before any thread uses it.
#pragma once

#include <curl/curl.h>

#include <memory>
#include <string>

namespace mydocker::hub {

struct CurlEasyFree {
  void operator()(CURL* handle) const { curl_easy_cleanup(handle); }
};
using CurlEasy = std::unique_ptr<CURL, CurlEasyFree>;

struct CurlSlistFree {
  void operator()(curl_slist* list) const { curl_slist_free_all(list); }
};
using CurlSlist = std::unique_ptr<curl_slist, CurlSlistFree>;

struct CurlUrlFree {
  void operator()(CURLU* url) const { curl_url_cleanup(url); }
};
using CurlUrl = std::unique_ptr<CURLU, CurlUrlFree>;

struct CurlStringFree {
  void operator()(char* text) const { curl_free(text); }
};
using CurlString = std::unique_ptr<char, CurlStringFree>;

// Thread-safe; curl_global_init itself is not.
void ensure_curl_initialised();

// A new easy handle; throws mydocker::Error when libcurl cannot make one.
CurlEasy make_curl_easy();

// The PEM text of libcurl's default CA bundle ("" if it has none), read once. Registries with
// their own CA in certs.d still trust the public CAs, as with docker.
const std::string& default_ca_bundle();

}  // namespace mydocker::hub
