// linux -> namespaces, id mappings, devices, cgroup resources, sysctl, masked and read-only
// paths, rootfs propagation; the cross-field checks runc makes.
#include "oci/oci_linux.hpp"

#include <gtest/gtest.h>
#include <sched.h>
#include <sys/mount.h>

#include "oci_test_support.hpp"

namespace mydocker::runtime::oci {
namespace {

using testing::Document;
using testing::error_of;

isolation::ContainerPlan linux_plan(const std::string& linux_json) {
  Document doc(R"({"linux": )" + linux_json + "}");
  isolation::ContainerPlan plan;
  parse_linux(doc.at("linux"), plan);
  return plan;
}

std::string linux_error(const std::string& linux_json) {
  return error_of([&] { linux_plan(linux_json); });
}

TEST(OciLinux, NamespacesNewAndJoined) {
  const auto plan = linux_plan(R"({"namespaces": [
    {"type": "pid"}, {"type": "network", "path": "/proc/42/ns/net"}, {"type": "ipc"},
    {"type": "uts"}, {"type": "mount"}, {"type": "cgroup"}]})");
  ASSERT_EQ(plan.namespaces.size(), 6u);
  EXPECT_EQ(plan.namespaces[0].type, CLONE_NEWPID);
  EXPECT_EQ(plan.namespaces[0].path, "");
  EXPECT_EQ(plan.namespaces[1].type, CLONE_NEWNET);
  EXPECT_EQ(plan.namespaces[1].path, "/proc/42/ns/net");
  EXPECT_EQ(plan.namespaces[2].type, CLONE_NEWIPC);
  EXPECT_EQ(plan.namespaces[3].type, CLONE_NEWUTS);
  EXPECT_EQ(plan.namespaces[4].type, CLONE_NEWNS);
  EXPECT_EQ(plan.namespaces[5].type, CLONE_NEWCGROUP);
  // lo is brought up only in a network namespace of the container's own.
  EXPECT_FALSE(plan.bring_up_loopback);
  EXPECT_TRUE(has_namespace(plan, CLONE_NEWNET));
  EXPECT_FALSE(has_namespace(plan, CLONE_NEWUSER));
}

TEST(OciLinux, NewNetworkNamespaceBringsUpLoopback) {
  EXPECT_TRUE(linux_plan(R"({"namespaces": [{"type": "network"}]})").bring_up_loopback);
  EXPECT_FALSE(linux_plan(R"({"namespaces": [{"type": "pid"}]})").bring_up_loopback);
}

TEST(OciLinux, NamespaceErrors) {
  EXPECT_EQ(linux_error(R"({"namespaces": [{"type": "pid"}, {"type": "foo"}]})"),
            "config.json: linux.namespaces[1].type names an unknown namespace type \"foo\"");
  EXPECT_EQ(linux_error(R"({"namespaces": [{"type": "pid"}, {"type": "pid"}]})"),
            "config.json: linux.namespaces[1].type repeats the namespace type \"pid\"");
  EXPECT_EQ(linux_error(R"({"namespaces": [{"path": "/proc/1/ns/net"}]})"),
            "config.json: linux.namespaces[0].type is required");
  EXPECT_EQ(linux_error(R"({"namespaces": [{"type": "network", "path": "proc/1/ns/net"}]})"),
            "config.json: linux.namespaces[0].path must be an absolute path");
  EXPECT_EQ(linux_error(R"({"namespaces": [{"type": "time"}]})"),
            "config.json: linux.namespaces[0].type \"time\" is not supported by this runtime");
}

TEST(OciLinux, UserNamespaceAndMappings) {
  const auto plan = linux_plan(R"({"namespaces": [{"type": "user"}],
    "uidMappings": [{"containerID": 0, "hostID": 100000, "size": 65536}],
    "gidMappings": [{"containerID": 0, "hostID": 200000, "size": 1},
                    {"containerID": 1, "hostID": 200001, "size": 10}]})");
  ASSERT_EQ(plan.uid_mappings.size(), 1u);
  EXPECT_EQ(plan.uid_mappings[0].container_id, 0u);
  EXPECT_EQ(plan.uid_mappings[0].host_id, 100000u);
  EXPECT_EQ(plan.uid_mappings[0].size, 65536u);
  ASSERT_EQ(plan.gid_mappings.size(), 2u);
  EXPECT_EQ(plan.gid_mappings[1].container_id, 1u);
  EXPECT_EQ(plan.gid_mappings[1].host_id, 200001u);
  EXPECT_EQ(plan.gid_mappings[1].size, 10u);

  // Joining a user namespace needs no mappings.
  EXPECT_TRUE(linux_plan(R"({"namespaces": [{"type": "user", "path": "/proc/9/ns/user"}]})")
                  .uid_mappings.empty());
}

TEST(OciLinux, MappingErrors) {
  EXPECT_EQ(linux_error(R"({"uidMappings": [{"containerID": 0, "hostID": 1, "size": 1}]})"),
            "config.json: linux.uidMappings is set, but linux.namespaces has no user namespace");
  EXPECT_EQ(linux_error(R"({"namespaces": [{"type": "user"}]})"),
            "config.json: linux.uidMappings is required with a new user namespace");
  EXPECT_EQ(linux_error(R"({"namespaces": [{"type": "user"}],
                            "uidMappings": [{"containerID": 0, "hostID": 1, "size": 1}]})"),
            "config.json: linux.gidMappings is required with a new user namespace");
  EXPECT_EQ(linux_error(R"({"namespaces": [{"type": "user"}],
                            "uidMappings": [{"containerID": 0, "hostID": 1, "size": 0}]})"),
            "config.json: linux.uidMappings[0].size must be at least 1");
  EXPECT_EQ(linux_error(R"({"namespaces": [{"type": "user"}],
                            "uidMappings": [{"containerID": 0, "size": 1}]})"),
            "config.json: linux.uidMappings[0].hostID is required");
}

TEST(OciLinux, Devices) {
  const auto plan = linux_plan(R"({"devices": [
    {"path": "/dev/fuse", "type": "c", "major": 10, "minor": 229, "fileMode": 438,
     "uid": 0, "gid": 0},
    {"path": "/dev/sda", "type": "b", "major": 8, "minor": 0, "uid": 5, "gid": 6},
    {"path": "/dev/fifo", "type": "p"}]})");
  ASSERT_EQ(plan.devices.size(), 3u);
  EXPECT_EQ(plan.devices[0].path, "/dev/fuse");
  EXPECT_EQ(plan.devices[0].type, 'c');
  EXPECT_EQ(plan.devices[0].major, 10);
  EXPECT_EQ(plan.devices[0].minor, 229);
  EXPECT_EQ(plan.devices[0].file_mode, 0666u);
  EXPECT_EQ(plan.devices[1].type, 'b');
  EXPECT_EQ(plan.devices[1].uid, 5u);
  EXPECT_EQ(plan.devices[1].gid, 6u);
  EXPECT_EQ(plan.devices[1].file_mode, 0666u);  // the default
  EXPECT_EQ(plan.devices[2].type, 'p');

  EXPECT_EQ(
      linux_error(R"({"devices": [{"path": "/dev/x", "type": "x", "major": 1, "minor": 1}]})"),
      "config.json: linux.devices[0].type must be one of \"c\", \"b\", \"u\", \"p\", not "
      "\"x\"");
  EXPECT_EQ(linux_error(R"({"devices": [{"path": "/dev/x", "type": "c", "minor": 1}]})"),
            "config.json: linux.devices[0].major is required");
  EXPECT_EQ(linux_error(R"({"devices": [{"path": "dev/x", "type": "p"}]})"),
            "config.json: linux.devices[0].path must be an absolute path");
}

TEST(OciLinux, Resources) {
  const auto plan = linux_plan(R"({"cgroupsPath": "/libpod_parent/libpod-abc",
    "resources": {
      "devices": [{"allow": false, "access": "rwm"},
                  {"allow": true, "type": "c", "major": 1, "minor": 3, "access": "rw"},
                  {"allow": true, "type": "b", "major": 8, "access": ""}],
      "memory": {"limit": 536870912, "reservation": 268435456, "swap": -1, "swappiness": 0},
      "pids": {"limit": 100},
      "cpu": {"shares": 1024, "quota": 50000, "period": 100000, "cpus": "0-1", "mems": "0"},
      "blkio": {"weight": 10}, "hugepageLimits": []}})");
  const auto& cgroup = plan.cgroup;
  EXPECT_EQ(cgroup.path, "/libpod_parent/libpod-abc");
  EXPECT_EQ(cgroup.memory_limit, 536870912);
  EXPECT_EQ(cgroup.memory_reservation, 268435456);
  EXPECT_EQ(cgroup.memory_swap, -1);
  EXPECT_EQ(cgroup.pids_limit, 100);
  EXPECT_EQ(cgroup.cpu_shares, 1024u);
  EXPECT_EQ(cgroup.cpu_quota, 50000);
  EXPECT_EQ(cgroup.cpu_period, 100000u);
  EXPECT_EQ(cgroup.cpuset_cpus, "0-1");
  EXPECT_EQ(cgroup.cpuset_mems, "0");
  ASSERT_EQ(cgroup.device_rules.size(), 3u + 11u) << "the bundle's rules, then runc's defaults";
  EXPECT_FALSE(cgroup.device_rules[0].allow);
  EXPECT_EQ(cgroup.device_rules[0].type, 'a');
  EXPECT_EQ(cgroup.device_rules[0].major, -1);
  EXPECT_EQ(cgroup.device_rules[0].minor, -1);
  EXPECT_EQ(cgroup.device_rules[0].access, "rwm");
  EXPECT_TRUE(cgroup.device_rules[1].allow);
  EXPECT_EQ(cgroup.device_rules[1].type, 'c');
  EXPECT_EQ(cgroup.device_rules[1].major, 1);
  EXPECT_EQ(cgroup.device_rules[1].minor, 3);
  EXPECT_EQ(cgroup.device_rules[1].access, "rw");
  EXPECT_EQ(cgroup.device_rules[2].minor, -1);
  EXPECT_EQ(cgroup.device_rules[2].access, "rwm");
  EXPECT_TRUE(cgroup.device_rules[3].allow);
  EXPECT_EQ(cgroup.device_rules[3].access, "m") << "mknod of any character device";
}

TEST(OciLinux, UnsetResourcesStayUnset) {
  const auto plan = linux_plan(R"({"resources": {"memory": {}}})");
  EXPECT_FALSE(plan.cgroup.memory_limit);
  EXPECT_FALSE(plan.cgroup.pids_limit);
  EXPECT_FALSE(plan.cgroup.cpu_shares);
  EXPECT_TRUE(plan.cgroup.path.empty());
}

TEST(OciLinux, ResourceErrors) {
  EXPECT_EQ(linux_error(R"({"resources": {"devices": [{"allow": true, "access": "rwx"}]}})"),
            "config.json: linux.resources.devices[0].access must be made of \"r\", \"w\" and "
            "\"m\", not \"rwx\"");
  EXPECT_EQ(linux_error(R"({"resources": {"devices": [{"access": "r"}]}})"),
            "config.json: linux.resources.devices[0].allow is required");
  EXPECT_EQ(linux_error(R"({"resources": {"memory": {"limit": "1g"}}})"),
            "config.json: linux.resources.memory.limit must be an integer, not a string");
  EXPECT_EQ(linux_error(R"({"resources": {"cpu": {"shares": -2}}})"),
            "config.json: linux.resources.cpu.shares is -2, out of the range 0 to "
            "18446744073709551615");
}

TEST(OciLinux, PathsSysctlAndPropagation) {
  const auto plan = linux_plan(R"({"maskedPaths": ["/proc/kcore", "/sys/firmware"],
    "readonlyPaths": ["/proc/sys"], "sysctl": {"net.ipv4.ip_forward": "1"},
    "namespaces": [{"type": "network"}],
    "rootfsPropagation": "rslave", "mountLabel": "system_u:object_r:container_file_t:s0"})");
  EXPECT_EQ(plan.masked_paths, (std::vector<std::string>{"/proc/kcore", "/sys/firmware"}));
  EXPECT_EQ(plan.readonly_paths, std::vector<std::string>{"/proc/sys"});
  EXPECT_EQ(plan.sysctl.at("net.ipv4.ip_forward"), "1");
  EXPECT_EQ(plan.rootfs_propagation, MS_SLAVE | MS_REC);
  EXPECT_EQ(linux_plan("{}").rootfs_propagation, 0u);

  EXPECT_EQ(linux_error(R"({"rootfsPropagation": "rw"})"),
            "config.json: linux.rootfsPropagation names an unknown propagation \"rw\"");
  EXPECT_EQ(linux_error(R"({"maskedPaths": ["proc/kcore"]})"),
            "config.json: linux.maskedPaths[0] must be an absolute path");
  EXPECT_EQ(linux_error(R"({"sysctl": {"kernel.shmmax": 1}})"),
            "config.json: linux.sysctl.kernel.shmmax must be a string, not a number");
}

TEST(OciLinux, SysctlOnlyInTheContainersNamespaces) {
  const auto plan = linux_plan(R"({"namespaces": [{"type": "ipc"}, {"type": "uts"},
    {"type": "network", "path": "/run/netns/pod"}],
    "sysctl": {"kernel.shmmax": "1000", "fs.mqueue.msg_max": "20", "kernel.domainname": "x",
               "net.core.somaxconn": "256"}})");
  EXPECT_EQ(plan.sysctl.size(), 4u);

  EXPECT_EQ(linux_error(R"({"sysctl": {"kernel.msgmax": "1"}})"),
            "config.json: linux.sysctl.kernel.msgmax is not allowed in the host's IPC namespace "
            "(linux.namespaces has no ipc)");
  EXPECT_EQ(
      linux_error(R"({"namespaces": [{"type": "ipc"}], "sysctl": {"net.ipv4.ip_forward": "1"}})"),
      "config.json: linux.sysctl.net.ipv4.ip_forward is not allowed in the host's network "
      "namespace (linux.namespaces has no network)");
  EXPECT_EQ(linux_error(R"({"namespaces": [{"type": "uts"}], "sysctl": {"kernel.hostname": "a"}})"),
            "config.json: linux.sysctl.kernel.hostname is not allowed: set the hostname field "
            "instead");
  EXPECT_EQ(linux_error(R"({"sysctl": {"kernel.domainname": "a"}})"),
            "config.json: linux.sysctl.kernel.domainname is not in a namespace of the container's: "
            "it would change the host");
  EXPECT_EQ(linux_error(R"({"namespaces": [{"type": "ipc"}, {"type": "network"}],
                            "sysctl": {"vm.swappiness": "0"}})"),
            "config.json: linux.sysctl.vm.swappiness is not in a namespace of the container's: it "
            "would change the host");
}

}  // namespace
}  // namespace mydocker::runtime::oci
