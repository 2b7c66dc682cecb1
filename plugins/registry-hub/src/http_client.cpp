#include "http_client.hpp"

#include <cctype>
#include <cstring>
#include <exception>

#include "mydocker/errors.hpp"

namespace mydocker::hub {

namespace {

// State shared with libcurl's C callbacks; exceptions must never unwind through libcurl, so
// they are parked here and rethrown once curl_easy_perform returns.
struct Exchange {
  const HttpRequest* request = nullptr;
  HttpResponse response;
  bool began = false;
  bool streaming = false;
  bool too_big = false;
  std::exception_ptr error;
};

bool streams(long status) { return status == 200 || status == 206; }

std::string trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return std::string(s);
}

std::size_t on_header(char* data, std::size_t size, std::size_t count, void* user) {
  auto& ex = *static_cast<Exchange*>(user);
  const std::string_view line(data, size * count);
  if (line.starts_with("HTTP/")) {
    // A new status line (after 100 Continue, say): only the final block counts.
    ex.response.headers.clear();
    const auto space = line.find(' ');
    ex.response.status = space == std::string_view::npos ? 0 : std::atol(line.data() + space + 1);
    return size * count;
  }
  const auto colon = line.find(':');
  if (colon == std::string_view::npos) return size * count;
  std::string name(line.substr(0, colon));
  for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  ex.response.headers.push_back({std::move(name), trim(line.substr(colon + 1))});
  return size * count;
}

bool begin_body(Exchange& ex) {
  if (ex.began) return true;
  ex.began = true;
  ex.streaming = ex.request->target != nullptr && streams(ex.response.status);
  if (!ex.streaming) return true;
  try {
    ex.request->target->begin(ex.response);
    return true;
  } catch (...) {
    ex.error = std::current_exception();
    return false;
  }
}

std::size_t on_body(char* data, std::size_t size, std::size_t count, void* user) {
  auto& ex = *static_cast<Exchange*>(user);
  const std::size_t n = size * count;
  if (!begin_body(ex)) return 0;
  if (!ex.streaming) {
    if (ex.response.body.size() + n > ex.request->max_body) {
      ex.too_big = true;
      return 0;
    }
    ex.response.body.append(data, n);
    return n;
  }
  try {
    ex.request->target->write(data, n);
    return n;
  } catch (...) {
    ex.error = std::current_exception();
    return 0;
  }
}

int on_progress(void* user, curl_off_t, curl_off_t, curl_off_t, curl_off_t) {
  const auto& ex = *static_cast<Exchange*>(user);
  return ex.request->cancel.requested() ? 1 : 0;
}

TransportFailure classify(CURLcode code) {
  switch (code) {
    case CURLE_COULDNT_CONNECT:
    case CURLE_COULDNT_RESOLVE_HOST:
      return TransportFailure::refused;
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_SSL_CIPHER:
      return TransportFailure::handshake;
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CERTPROBLEM:
    case CURLE_SSL_CACERT_BADFILE:
    case CURLE_SSL_ISSUER_ERROR:
    case CURLE_SSL_CLIENTCERT:
      return TransportFailure::tls;
    case CURLE_OPERATION_TIMEDOUT:
      return TransportFailure::timeout;
    case CURLE_RECV_ERROR:
    case CURLE_SEND_ERROR:
    case CURLE_PARTIAL_FILE:
    case CURLE_GOT_NOTHING:
    case CURLE_HTTP2:
    case CURLE_HTTP2_STREAM:
      return TransportFailure::dropped;
    case CURLE_ABORTED_BY_CALLBACK:
      return TransportFailure::cancelled;
    default:
      return TransportFailure::other;
  }
}

template <typename T>
void set(CURL* curl, CURLoption option, T value) {
  // Every option we set exists in the libcurl we build against; a failure here is a bug.
  if (curl_easy_setopt(curl, option, value) != CURLE_OK) {
    throw Error("libcurl refused an option (" + std::to_string(static_cast<int>(option)) + ")");
  }
}

void set_tls(CURL* curl, const TlsOptions* tls) {
  const bool verify = tls == nullptr || tls->verify;
  set(curl, CURLOPT_SSL_VERIFYPEER, verify ? 1L : 0L);
  set(curl, CURLOPT_SSL_VERIFYHOST, verify ? 2L : 0L);
  if (tls != nullptr && tls->ca_bundle) {
    curl_blob blob{const_cast<char*>(tls->ca_bundle->data()), tls->ca_bundle->size(),
                   CURL_BLOB_NOCOPY};
    set(curl, CURLOPT_CAINFO_BLOB, &blob);
  } else {
    set(curl, CURLOPT_CAINFO_BLOB, static_cast<curl_blob*>(nullptr));
  }
  const bool client = tls != nullptr && !tls->client_cert.empty();
  set(curl, CURLOPT_SSLCERT, client ? tls->client_cert.c_str() : nullptr);
  set(curl, CURLOPT_SSLKEY, client ? tls->client_key.c_str() : nullptr);
}

}  // namespace

std::string HttpResponse::header(std::string_view name) const {
  for (auto it = headers.rbegin(); it != headers.rend(); ++it) {
    if (it->name == name) return it->value;
  }
  return {};
}

std::vector<std::string> HttpResponse::headers_named(std::string_view name) const {
  std::vector<std::string> out;
  for (const auto& h : headers) {
    if (h.name == name) out.push_back(h.value);
  }
  return out;
}

HttpClient::HttpClient() : curl_(make_curl_easy()) {}

HttpResponse HttpClient::perform(const HttpRequest& request) {
  CURL* curl = curl_.get();
  curl_easy_reset(curl);
  Exchange ex;
  ex.request = &request;
  char errbuf[CURL_ERROR_SIZE] = {};

  CurlSlist headers;
  for (const auto& h : request.headers) {
    curl_slist* grown = curl_slist_append(headers.get(), h.c_str());
    if (grown == nullptr) throw Error("out of memory building an HTTP request");
    headers.release();
    headers.reset(grown);
  }
  set(curl, CURLOPT_URL, request.url.c_str());
  set(curl, CURLOPT_PROTOCOLS_STR, "http,https");
  set(curl, CURLOPT_FOLLOWLOCATION, 0L);
  set(curl, CURLOPT_NOSIGNAL, 1L);
  set(curl, CURLOPT_USERAGENT, "mydocker/0.1 (registry-hub)");
  set(curl, CURLOPT_HTTPHEADER, headers.get());
  set(curl, CURLOPT_ERRORBUFFER, errbuf);
  set(curl, CURLOPT_CONNECTTIMEOUT_MS, 15000L);
  // A stalled connection is a dropped one: abort it so it can be resumed elsewhere.
  set(curl, CURLOPT_LOW_SPEED_LIMIT, 1L);
  set(curl, CURLOPT_LOW_SPEED_TIME, 30L);
  set(curl, CURLOPT_HEADERFUNCTION, on_header);
  set(curl, CURLOPT_HEADERDATA, &ex);
  set(curl, CURLOPT_WRITEFUNCTION, on_body);
  set(curl, CURLOPT_WRITEDATA, &ex);
  set(curl, CURLOPT_XFERINFOFUNCTION, on_progress);
  set(curl, CURLOPT_XFERINFODATA, &ex);
  set(curl, CURLOPT_NOPROGRESS, 0L);
  if (request.method == "POST") {
    set(curl, CURLOPT_POSTFIELDS, request.form_body.c_str());
    set(curl, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(request.form_body.size()));
  } else if (request.method == "HEAD") {
    set(curl, CURLOPT_NOBODY, 1L);
  }
  set_tls(curl, request.tls);

  const CURLcode code = curl_easy_perform(curl);
  if (ex.error) std::rethrow_exception(ex.error);
  if (ex.too_big) {
    throw Error("the response from " + request.url + " is larger than " +
                std::to_string(request.max_body) + " bytes");
  }
  if (code != CURLE_OK) {
    std::string detail = errbuf[0] != '\0' ? errbuf : curl_easy_strerror(code);
    long os_errno = 0;
    // "Couldn't connect to server" hides the reason a user can act on (refused, unreachable).
    if (code == CURLE_COULDNT_CONNECT &&
        curl_easy_getinfo(curl, CURLINFO_OS_ERRNO, &os_errno) == CURLE_OK && os_errno != 0) {
      detail = std::strerror(static_cast<int>(os_errno));
      for (auto& c : detail) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    throw TransportError(classify(code), detail);
  }
  if (!begin_body(ex)) std::rethrow_exception(ex.error);  // an empty 200 body
  return std::move(ex.response);
}

}  // namespace mydocker::hub
