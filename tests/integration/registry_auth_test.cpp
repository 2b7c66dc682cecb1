// Registries that want credentials: htpasswd (Basic) and token auth with a token issuer on
// loopback; credentials come from docker's config.json as `docker login` writes it.
#include <gtest/gtest.h>

#include "harness.hpp"
#include "registry_fixture.hpp"

namespace mydocker::test {
namespace {

void expect_runs(Client& client, const std::string& image) {
  const auto r = client.run({"run", image, "explorer", "cat", "/etc/image-name"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "busybox\n");
  EXPECT_EQ(r.err, "");
}

void expect_denied(Client& client, const std::string& image, const std::string& repository) {
  const auto r = client.run({"run", image, "explorer", "echo", "no"});
  EXPECT_EQ(r.exit_code, 125);
  EXPECT_EQ(r.out, "");
  EXPECT_NE(r.err.find("access denied"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find(repository), std::string::npos) << r.err;
}

class RegistryBasicAuth : public SharedRegistry<RegistryBasicAuth> {
 protected:
  static void SetUpTestSuite() {
    RegistryOptions options;
    options.basic_user = "alice";
    options.basic_password = "s3cret";
    start_registry(options).push_test_image("busybox-oci", "team/busybox:latest");
  }
  static std::string image() { return registry_->address() + "/team/busybox:latest"; }
  Client client_;
};

TEST_F(RegistryBasicAuth, CredentialsFromDockerConfig) {
  client_.login(registry_->address(), "alice", "s3cret");
  expect_runs(client_, image());
}

TEST_F(RegistryBasicAuth, WrongPasswordIsAccessDenied) {
  client_.login(registry_->address(), "alice", "wrong");
  expect_denied(client_, image(), registry_->address() + "/team/busybox");
}

TEST_F(RegistryBasicAuth, NoCredentialsIsAccessDenied) {
  expect_denied(client_, image(), registry_->address() + "/team/busybox");
}

class RegistryTokenAuth : public ::testing::TestWithParam<bool> {
 protected:
  // One registry per value of "the issuer grants anonymous pulls".
  static Registry& registry(bool anonymous_pull) {
    static std::unique_ptr<Registry> registries[2];
    auto& r = registries[anonymous_pull ? 1 : 0];
    if (!r) {
      RegistryOptions options;
      options.token = true;
      options.token_user = "bob";
      options.token_password = "hunter2";
      options.anonymous_pull = anonymous_pull;
      r = std::make_unique<Registry>(options);
      r->push_test_image("busybox-oci", "busybox:latest");
    }
    return *r;
  }
  Client client_;
};

TEST_P(RegistryTokenAuth, WithCredentials) {
  Registry& reg = registry(GetParam());
  client_.login(reg.address(), "bob", "hunter2");
  expect_runs(client_, reg.address() + "/busybox:latest");
}

TEST_P(RegistryTokenAuth, Anonymous) {
  Registry& reg = registry(GetParam());
  if (GetParam()) {
    expect_runs(client_, reg.address() + "/busybox:latest");
  } else {
    expect_denied(client_, reg.address() + "/busybox:latest", reg.address() + "/busybox");
  }
}

TEST_P(RegistryTokenAuth, WrongPasswordIsAccessDenied) {
  Registry& reg = registry(GetParam());
  client_.login(reg.address(), "bob", "wrong");
  expect_denied(client_, reg.address() + "/busybox:latest", reg.address() + "/busybox");
}

INSTANTIATE_TEST_SUITE_P(, RegistryTokenAuth, ::testing::Bool(), [](const auto& info) {
  return info.param ? "AnonymousPullAllowed" : "LoginRequired";
});

}  // namespace
}  // namespace mydocker::test
