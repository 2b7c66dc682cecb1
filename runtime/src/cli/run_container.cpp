#include "cli/container_process.hpp"
#include "cli/lifecycle.hpp"

namespace mydocker::runtime {

int run_container(const RuntimeContext& context, const CreateRequest& request, bool detach) {
  isolation::LaunchedContainer launched = create_container(context, request);
  try {
    start_container(context, request.id);
  } catch (...) {
    launched.release();
    delete_container(context, request.id, true);
    throw;
  }
  if (detach) {
    launched.release();
    return 0;
  }
  // Our child: reaped here, so the handle must not kill or reap it again.
  const int status = reap_exit_status(launched.pidfd());
  launched.release();
  delete_container(context, request.id, true);
  return status;
}

}  // namespace mydocker::runtime
