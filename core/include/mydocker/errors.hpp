// Errors that cross the plugin boundary with a meaning the core maps to an exit status.
#pragma once

#include <stdexcept>
#include <string>

namespace mydocker {

// Any failure a user can act on. The message is one line, shown as is.
class Error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// The container's command could not be executed. exit_code follows docker:
// 127 when the command does not exist in the image, 126 when it exists but cannot be run.
class ExecError : public Error {
 public:
  ExecError(int exit_code, const std::string& message) : Error(message), exit_code_(exit_code) {}
  int exit_code() const noexcept { return exit_code_; }

 private:
  int exit_code_;
};

}  // namespace mydocker
