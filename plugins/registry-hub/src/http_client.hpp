// One HTTP exchange over a reusable libcurl handle (kept alive between requests of a thread).
// Redirects are not followed here: the caller decides where credentials may go.
#pragma once

#include <cstddef>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "cancellation.hpp"
#include "curl_handle.hpp"
#include "tls_files.hpp"

namespace mydocker::hub {

struct HttpHeader {
  std::string name;  // lowercase
  std::string value;
};

struct HttpResponse {
  long status = 0;
  std::vector<HttpHeader> headers;
  std::string body;  // empty when the body went to a BodyTarget

  // The last header of that (lowercase) name, "" if none.
  std::string header(std::string_view name) const;
  std::vector<std::string> headers_named(std::string_view name) const;
};

// Where the body of a 200 or 206 response goes, as it arrives.
class BodyTarget {
 public:
  virtual ~BodyTarget() = default;
  // Called once, before the first byte (or at the end for an empty body).
  virtual void begin(const HttpResponse& head) = 0;
  virtual void write(const char* data, std::size_t size) = 0;
};

struct HttpRequest {
  std::string method = "GET";
  std::string url;
  std::vector<std::string> headers;  // "Name: value"
  std::string form_body;             // POSTed as application/x-www-form-urlencoded
  const TlsOptions* tls = nullptr;
  BodyTarget* target = nullptr;
  std::size_t max_body = 4 * 1024 * 1024;  // for bodies kept in memory
  Cancellation cancel;
};

// `tls` is a certificate that could not be verified; `handshake` a server that does not speak
// TLS as we do (plain HTTP on that port, typically).
enum class TransportFailure { refused, tls, handshake, dropped, timeout, cancelled, other };

// No HTTP response arrived (or it broke off). Retried or turned into a user-facing error by
// the caller, which knows which registry it was talking to.
class TransportError : public std::runtime_error {
 public:
  TransportError(TransportFailure kind, const std::string& message)
      : std::runtime_error(message), kind_(kind) {}
  TransportFailure kind() const noexcept { return kind_; }

 private:
  TransportFailure kind_;
};

class HttpClient {
 public:
  HttpClient();
  // Throws TransportError, mydocker::Error for an oversized kept body, or whatever the
  // BodyTarget threw.
  HttpResponse perform(const HttpRequest& request);

 private:
  CurlEasy curl_;
};

}  // namespace mydocker::hub
