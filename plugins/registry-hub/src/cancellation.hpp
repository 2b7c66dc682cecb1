// Why a registry request stops early: the user interrupted mydocker (the host says so), or
// another download of the same batch failed. Checked by libcurl's progress callback (at least
// once a second, also while a server sends nothing), between retries and during back-off sleeps.
#pragma once

#include <atomic>

#include "mydocker/host.hpp"

namespace mydocker::hub {

class Cancellation {
 public:
  Cancellation() = default;
  explicit Cancellation(const IHost* host, const std::atomic<bool>* batch_failed = nullptr)
      : host_(host), batch_failed_(batch_failed) {}

  bool requested() const {
    return (host_ != nullptr && host_->cancelled()) ||
           (batch_failed_ != nullptr && batch_failed_->load());
  }

 private:
  const IHost* host_ = nullptr;
  const std::atomic<bool>* batch_failed_ = nullptr;
};

}  // namespace mydocker::hub
