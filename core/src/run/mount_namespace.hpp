// Moving mydocker into a private mount namespace before it mounts anything: every mount it
// makes then lives and dies with that namespace, so nothing is ever left mounted on the host,
// not even after SIGKILL.
#pragma once

namespace mydocker {

void enter_private_mount_namespace();

}  // namespace mydocker
