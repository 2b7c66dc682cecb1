#include "credential_helper.hpp"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "mydocker/errors.hpp"

namespace mydocker::hub {
namespace {

// A fake docker-credential-test on PATH, speaking the helper protocol.
class FakeHelper : public ::testing::Test {
 protected:
  void SetUp() override {
    char tmpl[] = "/tmp/hub-helper-XXXXXX";
    ASSERT_NE(mkdtemp(tmpl), nullptr);
    dir_ = tmpl;
    const auto script = dir_ / "docker-credential-test";
    std::ofstream(script) << R"(#!/bin/sh
[ "$1" = get ] || exit 3
read server
case $server in
  reg.example:5000) echo '{"ServerURL":"reg.example:5000","Username":"carol","Secret":"pw"}' ;;
  broken.example) echo 'not json' ;;
  failing.example) echo 'keychain locked' >&2; exit 1 ;;
  *) echo 'credentials not found in native keychain'; exit 1 ;;
esac
)";
    ::chmod(script.c_str(), 0755);
    old_path_ = std::getenv("PATH") ? std::getenv("PATH") : "";
    ::setenv("PATH", (dir_.string() + ":" + old_path_).c_str(), 1);
  }
  void TearDown() override {
    ::setenv("PATH", old_path_.c_str(), 1);
    std::filesystem::remove_all(dir_);
  }
  std::filesystem::path dir_;
  std::string old_path_;
};

TEST_F(FakeHelper, ReturnsCredentials) {
  const auto creds = run_credential_helper("test", "reg.example:5000");
  ASSERT_TRUE(creds);
  EXPECT_EQ(creds->username, "carol");
  EXPECT_EQ(creds->password, "pw");
}

TEST_F(FakeHelper, NothingStoredIsNoCredentials) {
  EXPECT_FALSE(run_credential_helper("test", "other.example"));
}

TEST_F(FakeHelper, FailuresAreClearErrors) {
  EXPECT_THROW(run_credential_helper("test", "broken.example"), Error);
  try {
    run_credential_helper("test", "failing.example");
    FAIL();
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("keychain locked"), std::string::npos) << e.what();
  }
  try {
    run_credential_helper("nosuchhelper", "reg.example:5000");
    FAIL();
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("docker-credential-nosuchhelper"), std::string::npos);
  }
  EXPECT_THROW(run_credential_helper("../evil", "x"), Error);
}

}  // namespace
}  // namespace mydocker::hub
