// The rule every isolator keeps (isolator_support.hpp's leave_caller_session): the container
// leads a session of its own, so mydocker's controlling terminal is never the container's.
#pragma once

#include <string>

#include "mydocker/isolator.hpp"

namespace mydocker {

// After IIsolator::start: kills the container and throws Error naming the isolator when the
// container's process is still in mydocker's session.
void ensure_own_session(const IContainer& container, const std::string& isolation);

}  // namespace mydocker
