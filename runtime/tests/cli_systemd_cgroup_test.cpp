#include <gtest/gtest.h>

#include "cli/systemd_cgroup.hpp"
#include "mydocker/errors.hpp"

namespace mydocker::runtime {
namespace {

TEST(SystemdCgroup, SliceScopeName) {
  EXPECT_EQ(systemd_cgroup_path("system.slice:docker:abc", "id"), "/system.slice/docker-abc.scope");
  EXPECT_EQ(systemd_cgroup_path("user-1000.slice:p:n", "id"),
            "/user.slice/user-1000.slice/p-n.scope");
  EXPECT_EQ(systemd_cgroup_path(":crio:x", "id"), "/system.slice/crio-x.scope");
  EXPECT_EQ(systemd_cgroup_path("-.slice::x", "id"), "/x.scope");
  EXPECT_EQ(systemd_cgroup_path("machine.slice::pod-a.slice", "id"), "/machine.slice/pod-a.slice");
}

TEST(SystemdCgroup, EmptyPathNamesTheContainer) {
  EXPECT_EQ(systemd_cgroup_path("", "c1"), "/system.slice/mydocker-runtime-c1.scope");
}

TEST(SystemdCgroup, OtherShapesAreRefused) {
  EXPECT_THROW(systemd_cgroup_path("/libpod_parent/libpod-x", "id"), Error);
  EXPECT_THROW(systemd_cgroup_path("a.slice:b", "id"), Error);
  EXPECT_THROW(systemd_cgroup_path("a.slice:b:c:d", "id"), Error);
  EXPECT_THROW(systemd_cgroup_path("notaslice:p:n", "id"), Error);
  EXPECT_THROW(systemd_cgroup_path("a.slice:p:", "id"), Error);
  EXPECT_THROW(systemd_cgroup_path("a.slice:p:../x", "id"), Error);
}

}  // namespace
}  // namespace mydocker::runtime
