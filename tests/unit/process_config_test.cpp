#include "run/process_config.hpp"

#include <gtest/gtest.h>

#include "image/source_choice.hpp"
#include "mydocker/errors.hpp"

namespace mydocker {
namespace {

using Strings = std::vector<std::string>;

TEST(ProcessConfig, ImageCmdRunsWhenNoCommandIsGiven) {
  ImageConfig image;
  image.cmd = {"/bin/sh", "-c", "echo hi"};
  const auto p = make_process_config(image, RunOptions{});
  EXPECT_EQ(p.args, (Strings{"/bin/sh", "-c", "echo hi"}));
}

TEST(ProcessConfig, CommandReplacesCmdButKeepsEntrypoint) {
  ImageConfig image;
  image.entrypoint = {"/entry", "fixed"};
  image.cmd = {"default"};
  RunOptions options;
  EXPECT_EQ(make_process_config(image, options).args, (Strings{"/entry", "fixed", "default"}));
  options.command = {"mine", "two"};
  EXPECT_EQ(make_process_config(image, options).args, (Strings{"/entry", "fixed", "mine", "two"}));
}

TEST(ProcessConfig, NoCommandAnywhereIsAnError) {
  RunOptions options;
  options.image.image = "img";
  EXPECT_THROW(make_process_config(ImageConfig{}, options), Error);
}

TEST(ProcessConfig, EnvDefaultsAndWorkingDir) {
  ImageConfig image;
  image.cmd = {"x"};
  image.env = {"FOO=bar"};
  auto p = make_process_config(image, RunOptions{});
  EXPECT_EQ(p.env, (Strings{"FOO=bar", std::string("PATH=") + kDefaultPath, "HOME=/root"}));
  EXPECT_EQ(p.cwd, "/");
  image.env = {"PATH=/only", "HOME=/home/me"};
  image.working_dir = "/srv";
  p = make_process_config(image, RunOptions{});
  EXPECT_EQ(p.env, (Strings{"PATH=/only", "HOME=/home/me"}));
  EXPECT_EQ(p.cwd, "/srv");
  EXPECT_EQ(env_value(p.env, "PATH"), "/only");
  EXPECT_EQ(env_value(p.env, "PAT"), "");
}

TEST(ProcessConfig, DefaultSourceFollowsTheReference) {
  EXPECT_EQ(default_source_for("docker-archive:/x.tar"), "local");
  EXPECT_EQ(default_source_for("oci:dir:tag"), "local");
  EXPECT_EQ(default_source_for("oci-archive:x.tar"), "local");
  EXPECT_EQ(default_source_for("./busybox.tar"), "local");
  EXPECT_EQ(default_source_for("/tmp"), "local");
  EXPECT_EQ(default_source_for("alpine:latest"), "hub");
  EXPECT_EQ(default_source_for("localhost:5000/x/y:tag"), "hub");
}

}  // namespace
}  // namespace mydocker
