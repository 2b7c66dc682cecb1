// process -> ProcessPlan: args, env, cwd, user, capabilities, rlimits, and the errors a user
// sees for a wrong process object; the `exec` variant that falls back on the container's.
#include "oci/oci_process.hpp"

#include <gtest/gtest.h>
#include <linux/capability.h>
#include <sys/resource.h>

#include <set>

#include "oci_test_support.hpp"

namespace mydocker::runtime::oci {
namespace {

using testing::Document;
using testing::error_of;

constexpr isolation::CapabilitySet bit(int cap) { return isolation::CapabilitySet{1} << cap; }

TEST(OciProcess, EveryField) {
  Document doc(R"({"process": {
    "terminal": true,
    "user": {"uid": 1000, "gid": 100, "umask": 18, "additionalGids": [5, 6]},
    "args": ["sh", "-c", "true"],
    "env": ["PATH=/bin", "TERM=xterm"],
    "cwd": "/work",
    "capabilities": {
      "bounding": ["CAP_KILL", "CAP_NET_BIND_SERVICE"],
      "effective": ["CAP_KILL"],
      "inheritable": ["CAP_CHOWN"],
      "permitted": ["CAP_KILL", "CAP_SYS_ADMIN"],
      "ambient": ["CAP_AUDIT_WRITE"]
    },
    "rlimits": [{"type": "RLIMIT_NOFILE", "hard": 1024, "soft": 512},
                {"type": "RLIMIT_CORE", "hard": 18446744073709551615, "soft": 0}],
    "noNewPrivileges": true,
    "oomScoreAdj": -500,
    "apparmorProfile": "ignored",
    "unknownField": {"also": "ignored"}
  }})");
  const auto plan = parse_process(doc.at("process"));
  EXPECT_EQ(plan.args, (std::vector<std::string>{"sh", "-c", "true"}));
  EXPECT_EQ(plan.env, (std::vector<std::string>{"PATH=/bin", "TERM=xterm"}));
  EXPECT_EQ(plan.cwd, "/work");
  EXPECT_EQ(plan.uid, 1000u);
  EXPECT_EQ(plan.gid, 100u);
  EXPECT_EQ(plan.umask, mode_t{022});
  EXPECT_EQ(plan.additional_gids, (std::vector<std::uint32_t>{5, 6}));
  EXPECT_TRUE(plan.terminal);
  EXPECT_EQ(plan.capabilities.bounding, bit(CAP_KILL) | bit(CAP_NET_BIND_SERVICE));
  EXPECT_EQ(plan.capabilities.effective, bit(CAP_KILL));
  EXPECT_EQ(plan.capabilities.inheritable, bit(CAP_CHOWN));
  EXPECT_EQ(plan.capabilities.permitted, bit(CAP_KILL) | bit(CAP_SYS_ADMIN));
  EXPECT_EQ(plan.capabilities.ambient, bit(CAP_AUDIT_WRITE));
  ASSERT_EQ(plan.rlimits.size(), 2u);
  EXPECT_EQ(plan.rlimits[0].resource, RLIMIT_NOFILE);
  EXPECT_EQ(plan.rlimits[0].soft, 512u);
  EXPECT_EQ(plan.rlimits[0].hard, 1024u);
  EXPECT_EQ(plan.rlimits[1].resource, RLIMIT_CORE);
  EXPECT_EQ(plan.rlimits[1].hard, UINT64_MAX);
  EXPECT_TRUE(plan.no_new_privileges);
  EXPECT_EQ(plan.oom_score_adj, -500);
  EXPECT_FALSE(plan.seccomp);
}

TEST(OciProcess, DefaultsOfAMinimalProcess) {
  Document doc(R"({"process": {"args": ["true"], "cwd": "/"}})");
  const auto plan = parse_process(doc.at("process"));
  EXPECT_EQ(plan.uid, 0u);
  EXPECT_EQ(plan.gid, 0u);
  EXPECT_FALSE(plan.umask);
  EXPECT_FALSE(plan.terminal);
  EXPECT_EQ(plan.capabilities.bounding, 0u);
  EXPECT_FALSE(plan.no_new_privileges);
  EXPECT_TRUE(plan.rlimits.empty());
  EXPECT_FALSE(plan.oom_score_adj);
}

std::string process_error(const char* process_json) {
  Document doc(std::string(R"({"process": )") + process_json + "}");
  return error_of([&] { parse_process(doc.at("process")); });
}

TEST(OciProcess, ArgsMustBeANonEmptyArrayOfStrings) {
  const std::string expected = "config.json: process.args must be a non-empty array of strings";
  EXPECT_EQ(process_error(R"({"cwd": "/"})"), expected);
  EXPECT_EQ(process_error(R"({"args": [], "cwd": "/"})"), expected);
  EXPECT_EQ(process_error(R"({"args": "sh", "cwd": "/"})"), expected);
  EXPECT_EQ(process_error(R"({"args": ["sh", 1], "cwd": "/"})"),
            "config.json: process.args[1] must be a string, not a number");
}

TEST(OciProcess, CwdIsRequiredAndAbsolute) {
  EXPECT_EQ(process_error(R"({"args": ["sh"]})"), "config.json: process.cwd is required");
  EXPECT_EQ(process_error(R"({"args": ["sh"], "cwd": "work"})"),
            "config.json: process.cwd must be an absolute path");
}

TEST(OciProcess, WrongTypesNameTheirPath) {
  EXPECT_EQ(process_error(R"({"args": ["sh"], "cwd": "/", "user": {"uid": "root"}})"),
            "config.json: process.user.uid must be an integer, not a string");
  EXPECT_EQ(process_error(R"({"args": ["sh"], "cwd": "/", "user": {"additionalGids": [1, -2]}})"),
            "config.json: process.user.additionalGids[1] is -2, out of the range 0 to 4294967295");
  EXPECT_EQ(process_error(R"({"args": ["sh"], "cwd": "/", "terminal": "yes"})"),
            "config.json: process.terminal must be a boolean, not a string");
  EXPECT_EQ(process_error(R"({"args": ["sh"], "cwd": "/", "user": {"umask": 4096}})"),
            "config.json: process.user.umask must be a file mode from 0 to 0777 (511)");
  EXPECT_EQ(process_error(R"({"args": ["sh"], "cwd": "/", "oomScoreAdj": 1001})"),
            "config.json: process.oomScoreAdj must be from -1000 to 1000");
}

TEST(OciProcess, UnknownCapabilityIsAnError) {
  EXPECT_EQ(process_error(R"({"args": ["sh"], "cwd": "/",
                              "capabilities": {"bounding": ["CAP_KILL", "CAP_TEST"]}})"),
            "config.json: process.capabilities.bounding[1] names an unknown capability "
            "\"CAP_TEST\"");
}

TEST(OciProcess, RlimitErrors) {
  EXPECT_EQ(process_error(R"({"args": ["sh"], "cwd": "/",
                              "rlimits": [{"type": "RLIMIT_TEST", "soft": 1, "hard": 1}]})"),
            "config.json: process.rlimits[0].type names an unknown resource limit \"RLIMIT_TEST\"");
  EXPECT_EQ(process_error(R"({"args": ["sh"], "cwd": "/",
                              "rlimits": [{"type": "RLIMIT_NOFILE", "soft": 1, "hard": 1},
                                          {"type": "RLIMIT_NOFILE", "soft": 2, "hard": 2}]})"),
            "config.json: process.rlimits[1].type repeats the resource limit RLIMIT_NOFILE");
  EXPECT_EQ(process_error(R"({"args": ["sh"], "cwd": "/",
                              "rlimits": [{"type": "RLIMIT_NOFILE", "soft": 2}]})"),
            "config.json: process.rlimits[0].hard is required");
  EXPECT_EQ(process_error(R"({"args": ["sh"], "cwd": "/",
                              "rlimits": [{"type": "RLIMIT_NOFILE", "soft": 2, "hard": 1}]})"),
            "config.json: process.rlimits[0] has a soft limit (2) above its hard limit (1)");
}

TEST(OciProcess, RlimitNamesAreTheKernels) {
  EXPECT_EQ(rlimit_resource("RLIMIT_AS"), RLIMIT_AS);
  EXPECT_EQ(rlimit_resource("RLIMIT_MSGQUEUE"), RLIMIT_MSGQUEUE);
  EXPECT_EQ(rlimit_resource("RLIMIT_RTTIME"), RLIMIT_RTTIME);
  EXPECT_EQ(rlimit_resource("RLIMIT_STACK"), RLIMIT_STACK);
  // All sixteen of getrlimit(2), each once.
  std::set<int> resources;
  for (int resource = 0; resource < RLIM_NLIMITS; ++resource) resources.insert(resource);
  for (const char* name :
       {"RLIMIT_AS", "RLIMIT_CORE", "RLIMIT_CPU", "RLIMIT_DATA", "RLIMIT_FSIZE", "RLIMIT_LOCKS",
        "RLIMIT_MEMLOCK", "RLIMIT_MSGQUEUE", "RLIMIT_NICE", "RLIMIT_NOFILE", "RLIMIT_NPROC",
        "RLIMIT_RSS", "RLIMIT_RTPRIO", "RLIMIT_RTTIME", "RLIMIT_SIGPENDING", "RLIMIT_STACK"}) {
    const auto resource = rlimit_resource(name);
    ASSERT_TRUE(resource) << name;
    EXPECT_EQ(resources.erase(*resource), 1u) << name;
  }
  EXPECT_TRUE(resources.empty());
  EXPECT_FALSE(rlimit_resource("NOFILE"));
}

TEST(OciProcess, ExecProcessFallsBackOnTheContainers) {
  isolation::ProcessPlan container;
  container.capabilities.bounding = bit(CAP_KILL);
  container.rlimits = {{RLIMIT_NOFILE, 10, 20}};
  container.no_new_privileges = true;
  container.umask = 077;
  container.oom_score_adj = 10;
  container.seccomp = isolation::SeccompFilter::from_program({{0x06, 0, 0, 0x7fff0000}});

  Document bare(R"({"args": ["ps"], "cwd": "/tmp", "env": ["A=1"], "user": {"uid": 7}})",
                "process.json");
  const auto plan = parse_exec_process(bare.root(), container);
  EXPECT_EQ(plan.args, std::vector<std::string>{"ps"});
  EXPECT_EQ(plan.cwd, "/tmp");
  EXPECT_EQ(plan.uid, 7u);
  EXPECT_EQ(plan.capabilities.bounding, bit(CAP_KILL));
  ASSERT_EQ(plan.rlimits.size(), 1u);
  EXPECT_EQ(plan.rlimits[0].soft, 10u);
  EXPECT_TRUE(plan.no_new_privileges);
  EXPECT_EQ(plan.umask, mode_t{077});
  EXPECT_EQ(plan.oom_score_adj, 10);
  ASSERT_TRUE(plan.seccomp);
  EXPECT_EQ(plan.seccomp->instruction_count(), 1u);

  Document own(R"({"args": ["ps"], "cwd": "/", "noNewPrivileges": false,
                   "capabilities": {"bounding": ["CAP_CHOWN"]},
                   "rlimits": [{"type": "RLIMIT_NPROC", "soft": 1, "hard": 2}]})",
               "process.json");
  const auto mine = parse_exec_process(own.root(), container);
  EXPECT_EQ(mine.capabilities.bounding, bit(CAP_CHOWN));
  ASSERT_EQ(mine.rlimits.size(), 1u);
  EXPECT_EQ(mine.rlimits[0].resource, RLIMIT_NPROC);
  EXPECT_FALSE(mine.no_new_privileges);
  EXPECT_TRUE(mine.seccomp);  // the container's, whatever the file says
}

TEST(OciProcess, ExecProcessErrorsNameTheFile) {
  Document doc(R"({"args": [], "cwd": "/"})", "/run/p.json");
  EXPECT_EQ(error_of([&] { parse_exec_process(doc.root(), {}); }),
            "/run/p.json: args must be a non-empty array of strings");
}

}  // namespace
}  // namespace mydocker::runtime::oci
