// A registry serving HTTPS with a certificate from a test CA: trusted through certs.d beside
// mydocker's config file (as docker's /etc/docker/certs.d/HOST:PORT/ca.crt), refused without.
#include <gtest/gtest.h>

#include "harness.hpp"
#include "registry_fixture.hpp"

namespace mydocker::test {
namespace {

class RegistryTls : public SharedRegistry<RegistryTls> {
 protected:
  static void SetUpTestSuite() {
    RegistryOptions options;
    options.tls = true;
    start_registry(options).push_test_image("busybox-oci", "busybox:latest");
  }
  Client client_;
};

TEST_F(RegistryTls, CaFromCertsDirBesideTheConfig) {
  client_.write_config("{}");
  client_.trust_ca(registry_->address(), registry_->ca_cert());
  const auto r = client_.run(
      {"run", registry_->address() + "/busybox:latest", "explorer", "cat", "/etc/image-name"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "busybox\n");
  EXPECT_EQ(r.err, "");
}

TEST_F(RegistryTls, UnknownCaIsRefused) {
  const auto r =
      client_.run({"run", registry_->address() + "/busybox:latest", "explorer", "echo", "no"});
  EXPECT_EQ(r.exit_code, 125);
  EXPECT_EQ(r.out, "");
  EXPECT_NE(r.err.find("cannot reach registry " + registry_->address()), std::string::npos)
      << r.err;
  EXPECT_NE(r.err.find("certificate"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace mydocker::test
