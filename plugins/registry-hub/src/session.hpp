// What every request for one image on one endpoint shares, across download threads.
#pragma once

#include <string>

#include "authenticator.hpp"
#include "endpoints.hpp"
#include "mydocker/host.hpp"
#include "retry_policy.hpp"
#include "tls_files.hpp"

namespace mydocker::hub {

struct Session {
  Session(Endpoint e, TlsOptions t, std::string repo, std::string display, const Settings& s,
          AuthConfig auth_config, IHost& h)
      : endpoint(std::move(e)),
        tls(std::move(t)),
        repository(std::move(repo)),
        display_repository(std::move(display)),
        retry(s.retry),
        max_concurrent_downloads(s.max_concurrent_downloads),
        auth(std::move(auth_config), h),
        host(h) {}

  Endpoint endpoint;
  TlsOptions tls;
  std::string repository;          // "library/busybox"
  std::string display_repository;  // "docker.io/library/busybox"
  RetryPolicy retry;
  int max_concurrent_downloads;
  Authenticator auth;
  IHost& host;
};

}  // namespace mydocker::hub
