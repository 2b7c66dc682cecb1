// hooks: the six kinds, split between the runtime's (RuntimeHooks) and the container's (plan).
#include "oci/oci_hooks.hpp"

#include <gtest/gtest.h>

#include "oci_test_support.hpp"

namespace mydocker::runtime::oci {
namespace {

using testing::Document;
using testing::error_of;

TEST(OciHooks, SixKindsGoWhereTheyRun) {
  Document doc(R"({"hooks": {
    "prestart": [{"path": "/bin/pre", "args": ["pre", "a"], "env": ["X=1"], "timeout": 5}],
    "createRuntime": [{"path": "/bin/cr1"}, {"path": "/bin/cr2"}],
    "createContainer": [{"path": "/bin/cc"}],
    "startContainer": [{"path": "/bin/sc"}],
    "poststart": [{"path": "/bin/post"}],
    "poststop": [{"path": "/bin/stop", "args": ["stop"]}]}})");
  RuntimeHooks runtime;
  isolation::ContainerPlan plan;
  parse_hooks(doc.at("hooks"), runtime, plan);
  ASSERT_EQ(runtime.prestart.size(), 1u);
  EXPECT_EQ(runtime.prestart[0].path, "/bin/pre");
  EXPECT_EQ(runtime.prestart[0].args, (std::vector<std::string>{"pre", "a"}));
  EXPECT_EQ(runtime.prestart[0].env, std::vector<std::string>{"X=1"});
  EXPECT_EQ(runtime.prestart[0].timeout_seconds, 5);
  ASSERT_EQ(runtime.create_runtime.size(), 2u);
  EXPECT_EQ(runtime.create_runtime[1].path, "/bin/cr2");
  EXPECT_EQ(runtime.create_runtime[1].timeout_seconds, 0);
  EXPECT_TRUE(runtime.create_runtime[1].args.empty());
  ASSERT_EQ(runtime.poststart.size(), 1u);
  EXPECT_EQ(runtime.poststart[0].path, "/bin/post");
  ASSERT_EQ(runtime.poststop.size(), 1u);
  EXPECT_EQ(runtime.poststop[0].args, std::vector<std::string>{"stop"});
  ASSERT_EQ(plan.create_container_hooks.size(), 1u);
  EXPECT_EQ(plan.create_container_hooks[0].path, "/bin/cc");
  ASSERT_EQ(plan.start_container_hooks.size(), 1u);
  EXPECT_EQ(plan.start_container_hooks[0].path, "/bin/sc");
}

TEST(OciHooks, Errors) {
  const auto error = [](const char* hooks) {
    Document doc(std::string(R"({"hooks": )") + hooks + "}");
    RuntimeHooks runtime;
    isolation::ContainerPlan plan;
    return error_of([&] { parse_hooks(doc.at("hooks"), runtime, plan); });
  };
  EXPECT_EQ(error(R"({"poststop": [{"args": ["x"]}]})"),
            "config.json: hooks.poststop[0].path is required");
  EXPECT_EQ(error(R"({"prestart": [{"path": "true"}]})"),
            "config.json: hooks.prestart[0].path must be an absolute path");
  EXPECT_EQ(error(R"({"createRuntime": [{"path": "/bin/true", "timeout": 0}]})"),
            "config.json: hooks.createRuntime[0].timeout must be greater than zero");
  EXPECT_EQ(error(R"({"startContainer": {"path": "/bin/true"}})"),
            "config.json: hooks.startContainer must be an array, not an object");
}

}  // namespace
}  // namespace mydocker::runtime::oci
