#include "run/process_config.hpp"

#include <gtest/gtest.h>

#include <filesystem>

#include "image/source_choice.hpp"
#include "mydocker/errors.hpp"
#include "run/environment.hpp"

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
  // HOME comes from the user's passwd entry once the rootfs exists, not from here.
  EXPECT_EQ(p.env, (Strings{"FOO=bar", std::string("PATH=") + kDefaultPath}));
  EXPECT_EQ(p.cwd, "/");
  image.env = {"PATH=/only", "HOME=/home/me"};
  image.working_dir = "/srv";
  p = make_process_config(image, RunOptions{});
  EXPECT_EQ(p.env, (Strings{"PATH=/only", "HOME=/home/me"}));
  EXPECT_EQ(p.cwd, "/srv");
  EXPECT_EQ(env_value(p.env, "PATH"), "/only");
  EXPECT_EQ(env_value(p.env, "PAT"), "");
}

TEST(ProcessConfig, EntrypointFlagReplacesEntrypointAndDropsImageCmd) {
  ImageConfig image;
  image.entrypoint = {"/entry"};
  image.cmd = {"default"};
  RunOptions options;
  options.entrypoint = "/bin/other";
  EXPECT_EQ(make_process_config(image, options).args, (Strings{"/bin/other"}));
  options.command = {"a", "b"};
  EXPECT_EQ(make_process_config(image, options).args, (Strings{"/bin/other", "a", "b"}));
  options.entrypoint = "";
  EXPECT_EQ(make_process_config(image, options).args, (Strings{"a", "b"}));
  options.command.clear();
  EXPECT_THROW(make_process_config(image, options), Error);
}

TEST(ProcessConfig, EnvSettingsOverrideTheImage) {
  ImageConfig image;
  image.cmd = {"x"};
  image.env = {"A=1", "PATH=/p"};
  RunOptions options;
  ::setenv("MYDOCKER_TEST_FROM_HOST", "host value", 1);
  ::unsetenv("MYDOCKER_TEST_UNSET");
  options.env_settings = {"A=2", "B=x=y", "MYDOCKER_TEST_FROM_HOST", "MYDOCKER_TEST_UNSET", "C="};
  EXPECT_EQ(make_process_config(image, options).env,
            (Strings{"A=2", "PATH=/p", "B=x=y", "MYDOCKER_TEST_FROM_HOST=host value", "C="}));
  options.env_settings = {"=bad"};
  EXPECT_THROW(make_process_config(image, options), Error);
}

TEST(ProcessConfig, WorkdirAndUserFlags) {
  ImageConfig image;
  image.cmd = {"x"};
  image.user = "daemon";
  image.working_dir = "/img";
  RunOptions options;
  auto p = make_process_config(image, options);
  EXPECT_EQ(p.user, "daemon");
  EXPECT_EQ(p.cwd, "/img");
  options.user = "1000:1000";
  options.workdir = "/work/dir";
  p = make_process_config(image, options);
  EXPECT_EQ(p.user, "1000:1000");
  EXPECT_EQ(p.cwd, "/work/dir");
  options.workdir = "relative";
  EXPECT_THROW(make_process_config(image, options), Error);
}

TEST(ProcessConfig, DefaultSourceFollowsTheReference) {
  EXPECT_EQ(default_source_for("docker-archive:/x.tar"), "local");
  EXPECT_EQ(default_source_for("oci:dir:tag"), "local");
  EXPECT_EQ(default_source_for("oci-archive:x.tar"), "local");
  EXPECT_EQ(default_source_for("./busybox.tar"), "local");
  EXPECT_EQ(default_source_for("/tmp"), "local");
  EXPECT_EQ(default_source_for("alpine:latest"), "hub");
  EXPECT_EQ(default_source_for("localhost:5000/x/y:tag"), "hub");
  EXPECT_EQ(default_source_for("../images/busybox"), "local");
  EXPECT_EQ(default_source_for("busybox.tar"), "local");
  EXPECT_EQ(default_source_for("saved.tar.gz"), "local");
}

// docker reads a bare word as an image name, whatever the working directory holds.
TEST(ProcessConfig, ABareWordIsAnImageNameEvenWhenSuchAFolderExists) {
  const auto dir = std::filesystem::temp_directory_path() / "mydocker-bare-word-test";
  std::filesystem::create_directories(dir / "busybox");
  const auto old_cwd = std::filesystem::current_path();
  std::filesystem::current_path(dir);
  EXPECT_EQ(default_source_for("busybox"), "hub");
  EXPECT_EQ(default_source_for("busybox:latest"), "hub");
  std::filesystem::current_path(old_cwd);
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace mydocker
