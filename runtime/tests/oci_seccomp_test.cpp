// linux.seccomp compiled with libseccomp: the filter is checked by installing it in a forked
// child (no_new_privs first, so no root needed) and making the calls it should refuse.
#include "oci/oci_seccomp.hpp"

#include <gtest/gtest.h>
#include <linux/seccomp.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <cerrno>

#include "oci_test_support.hpp"

namespace mydocker::runtime::oci {
namespace {

using testing::Document;
using testing::error_of;
using testing::exit_status_under;
using testing::syscall_errno;

isolation::SeccompFilter compile(const std::string& seccomp_json) {
  Document doc(R"({"seccomp": )" + seccomp_json + "}");
  return compile_seccomp(doc.at("seccomp"));
}

std::string seccomp_error(const std::string& seccomp_json) {
  return error_of([&] { compile(seccomp_json); });
}

// umask itself never fails: any errno is the filter's.
int umask_errno(long mask) { return syscall_errno(SYS_umask, mask); }

TEST(OciSeccomp, DeniedCallFailsWithTheConfiguredErrno) {
  const auto filter = compile(R"({"defaultAction": "SCMP_ACT_ALLOW",
    "syscalls": [{"names": ["getppid", "no_such_call_anywhere"], "action": "SCMP_ACT_ERRNO",
                  "errnoRet": 42}]})");
  EXPECT_GT(filter.instruction_count(), 0u);
  EXPECT_EQ(exit_status_under(filter, [] { return syscall_errno(SYS_getppid); }), 42);
  // Without the filter the same call succeeds: the probe itself is not what fails.
  EXPECT_EQ(::syscall(SYS_getppid), ::getppid());
}

TEST(OciSeccomp, DefaultErrnoRetAndAllowList) {
  if (testing::kSanitizerBuild) GTEST_SKIP() << testing::kSanitizerSkip;
  // Everything not listed fails with ENOSYS, as podman's profiles ask for new calls.
  const auto filter = compile(R"({"defaultAction": "SCMP_ACT_ERRNO", "defaultErrnoRet": 38,
    "syscalls": [{"names": ["exit", "exit_group", "getpid"], "action": "SCMP_ACT_ALLOW"}]})");
  EXPECT_EQ(
      exit_status_under(
          filter, [] { return syscall_errno(SYS_getpid) == 0 ? syscall_errno(SYS_getppid) : 1; }),
      ENOSYS);
}

TEST(OciSeccomp, ArgumentComparisons) {
  const auto filter = compile(R"({"defaultAction": "SCMP_ACT_ALLOW", "syscalls": [
    {"names": ["umask"], "action": "SCMP_ACT_ERRNO", "errnoRet": 13,
     "args": [{"index": 0, "value": 448, "valueTwo": 448, "op": "SCMP_CMP_MASKED_EQ"}]}]})");
  // 0700 masked: 0777 and 0700 are refused, 0077 is not.
  EXPECT_EQ(exit_status_under(filter, [] { return umask_errno(0777); }), EACCES);
  EXPECT_EQ(exit_status_under(filter, [] { return umask_errno(0700); }), EACCES);
  EXPECT_EQ(exit_status_under(filter, [] { return umask_errno(0077); }), 0);
}

TEST(OciSeccomp, ComparisonsOfOneArgumentAreAlternatives) {
  // libseccomp takes one comparison per argument in a rule: like runc, each becomes a rule.
  const auto filter = compile(R"({"defaultAction": "SCMP_ACT_ALLOW", "syscalls": [
    {"names": ["umask"], "action": "SCMP_ACT_ERRNO", "errnoRet": 21,
     "args": [{"index": 0, "value": 9, "op": "SCMP_CMP_EQ"},
              {"index": 0, "value": 18, "op": "SCMP_CMP_EQ"}]}]})");
  EXPECT_EQ(exit_status_under(filter, [] { return umask_errno(9); }), EISDIR);
  EXPECT_EQ(exit_status_under(filter, [] { return umask_errno(18); }), EISDIR);
  EXPECT_EQ(exit_status_under(filter, [] { return umask_errno(27); }), 0);
}

TEST(OciSeccomp, ComparisonsOfSeveralArgumentsAllMustHold) {
  const auto filter = compile(R"({"defaultAction": "SCMP_ACT_ALLOW", "syscalls": [
    {"names": ["fchmodat"], "action": "SCMP_ACT_ERRNO", "errnoRet": 5,
     "args": [{"index": 0, "value": 4294967196, "op": "SCMP_CMP_NE"},
              {"index": 2, "value": 511, "op": "SCMP_CMP_GT"}]}]})");
  // fd -1 (not AT_FDCWD) and a mode above 0777: refused before the kernel sees the bad fd.
  EXPECT_EQ(
      exit_status_under(filter, [] { return syscall_errno(SYS_fchmodat, -1, "x", 01777, 0); }),
      EIO);
  // Mode not above 0777: the kernel answers (EBADF for fd -1).
  EXPECT_EQ(exit_status_under(filter, [] { return syscall_errno(SYS_fchmodat, -1, "x", 0755, 0); }),
            EBADF);
}

TEST(OciSeccomp, RuleWithTheDefaultActionIsLeftOut) {
  // libseccomp refuses such a rule; runc skips it.
  const auto filter = compile(R"({"defaultAction": "SCMP_ACT_ALLOW",
    "syscalls": [{"names": ["getpid"], "action": "SCMP_ACT_ALLOW"}]})");
  EXPECT_GT(filter.instruction_count(), 0u);
}

TEST(OciSeccomp, ArchitecturesActionsAndFlags) {
  const auto filter = compile(R"({"defaultAction": "SCMP_ACT_ERRNO",
    "architectures": ["SCMP_ARCH_X86_64", "SCMP_ARCH_X86", "SCMP_ARCH_X32", "SCMP_ARCH_AARCH64",
                      "SCMP_ARCH_ARM"],
    "flags": ["SECCOMP_FILTER_FLAG_LOG", "SECCOMP_FILTER_FLAG_SPEC_ALLOW",
              "SECCOMP_FILTER_FLAG_TSYNC"],
    "syscalls": [
      {"names": ["read"], "action": "SCMP_ACT_ALLOW"},
      {"names": ["reboot"], "action": "SCMP_ACT_KILL"},
      {"names": ["kexec_load"], "action": "SCMP_ACT_KILL_PROCESS"},
      {"names": ["swapon"], "action": "SCMP_ACT_KILL_THREAD"},
      {"names": ["acct"], "action": "SCMP_ACT_TRAP"},
      {"names": ["ptrace"], "action": "SCMP_ACT_TRACE", "errnoRet": 1},
      {"names": ["syslog"], "action": "SCMP_ACT_LOG"},
      {"names": ["mount"], "action": "SCMP_ACT_ERRNO", "errnoRet": 1}]})");
  EXPECT_GT(filter.instruction_count(), 0u);
  EXPECT_EQ(filter.flags(), unsigned{SECCOMP_FILTER_FLAG_LOG | SECCOMP_FILTER_FLAG_SPEC_ALLOW});
}

TEST(OciSeccomp, Errors) {
  EXPECT_EQ(seccomp_error(R"({"syscalls": []})"), "config.json: seccomp.defaultAction is required");
  EXPECT_EQ(seccomp_error(R"({"defaultAction": "SCMP_ACT_NOTIFY"})"),
            "config.json: seccomp.defaultAction SCMP_ACT_NOTIFY is not supported: this runtime "
            "does not pass seccomp notifications to an agent");
  EXPECT_EQ(seccomp_error(R"({"defaultAction": "SCMP_ACT_ALLOW",
                              "syscalls": [{"names": ["mount"], "action": "SCMP_ACT_NOTIFY"}]})"),
            "config.json: seccomp.syscalls[0].action SCMP_ACT_NOTIFY is not supported: this "
            "runtime does not pass seccomp notifications to an agent");
  EXPECT_EQ(seccomp_error(R"({"defaultAction": "SCMP_ACT_DENY"})"),
            "config.json: seccomp.defaultAction names an unknown seccomp action \"SCMP_ACT_DENY\"");
  EXPECT_EQ(
      seccomp_error(R"({"defaultAction": "SCMP_ACT_ALLOW", "architectures": ["SCMP_ARCH_VAX"]})"),
      "config.json: seccomp.architectures[0] names an architecture libseccomp does not "
      "know: \"SCMP_ARCH_VAX\"");
  EXPECT_EQ(
      seccomp_error(R"({"defaultAction": "SCMP_ACT_ALLOW", "flags": ["SECCOMP_FILTER_FLAG_X"]})"),
      "config.json: seccomp.flags[0] names an unknown seccomp flag \"SECCOMP_FILTER_FLAG_X\"");
  EXPECT_EQ(seccomp_error(R"({"defaultAction": "SCMP_ACT_ALLOW", "syscalls": [{"names": ["umask"],
              "action": "SCMP_ACT_ERRNO", "args": [{"index": 6, "value": 1, "op": "SCMP_CMP_EQ"}]}]})"),
            "config.json: seccomp.syscalls[0].args[0].index must be from 0 to 5 (a system call "
            "has six arguments)");
  EXPECT_EQ(seccomp_error(R"({"defaultAction": "SCMP_ACT_ALLOW", "syscalls": [{"names": ["umask"],
              "action": "SCMP_ACT_ERRNO", "args": [{"index": 0, "value": 1, "op": "EQ"}]}]})"),
            "config.json: seccomp.syscalls[0].args[0].op names an unknown comparison \"EQ\"");
  EXPECT_EQ(seccomp_error(R"({"defaultAction": "SCMP_ACT_ALLOW", "syscalls": [{"names": [],
              "action": "SCMP_ACT_ERRNO"}]})"),
            "config.json: seccomp.syscalls[0].names must be a non-empty array of strings");
  EXPECT_EQ(
      seccomp_error(R"({"defaultAction": "SCMP_ACT_ALLOW", "syscalls": [{"names": ["umask"]}]})"),
      "config.json: seccomp.syscalls[0].action is required");
  EXPECT_EQ(seccomp_error(R"({"defaultAction": "SCMP_ACT_ERRNO", "defaultErrnoRet": 70000})"),
            "config.json: seccomp.defaultErrnoRet is 70000, out of the range 0 to 65535");
}

}  // namespace
}  // namespace mydocker::runtime::oci
