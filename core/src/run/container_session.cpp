#include "run/container_session.hpp"

#include <signal.h>
#include <unistd.h>

#include "mydocker/errors.hpp"
#include "run/signal_forwarding.hpp"

namespace mydocker {

void ensure_own_session(const IContainer& container, const std::string& isolation) {
  const pid_t session = ::getsid(container.pid());
  // ESRCH: it has already ended, and took nothing of the terminal with it that it could use.
  if (session < 0 || session != ::getsid(0)) return;
  signal_container(container, SIGKILL);
  throw Error("the " + isolation +
              " isolator left the container in mydocker's session, where it could use the "
              "caller's terminal; the container was killed (an isolator must call setsid, "
              "see leave_caller_session in mydocker/isolator_support.hpp)");
}

}  // namespace mydocker
