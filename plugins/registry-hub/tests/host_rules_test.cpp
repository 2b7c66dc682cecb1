#include "host_rules.hpp"

#include <gtest/gtest.h>

namespace mydocker::hub {
namespace {

TEST(HostRules, SplitsHostAndPort) {
  EXPECT_EQ(split_host_port("127.0.0.1:5000").host, "127.0.0.1");
  EXPECT_EQ(split_host_port("127.0.0.1:5000").port, "5000");
  EXPECT_EQ(split_host_port("Registry.Example").host, "registry.example");
  EXPECT_EQ(split_host_port("Registry.Example").port, "");
  EXPECT_EQ(split_host_port("[::1]:5000").host, "::1");
  EXPECT_EQ(split_host_port("[::1]:5000").port, "5000");
  EXPECT_EQ(split_host_port("[fe80::1]").host, "fe80::1");
  EXPECT_EQ(split_host_port("::1").host, "::1");
}

TEST(HostRules, Loopback) {
  for (const char* h : {"localhost", "127.0.0.1", "127.1.2.3", "::1"}) {
    EXPECT_TRUE(is_loopback_host(h)) << h;
  }
  for (const char* h : {"128.0.0.1", "10.0.0.1", "::2", "localhost.example", "registry"}) {
    EXPECT_FALSE(is_loopback_host(h)) << h;
  }
}

TEST(HostRules, Cidr) {
  EXPECT_TRUE(cidr_contains("10.0.0.0/8", "10.200.3.4"));
  EXPECT_FALSE(cidr_contains("10.0.0.0/8", "11.0.0.1"));
  EXPECT_TRUE(cidr_contains("192.168.1.0/24", "192.168.1.255"));
  EXPECT_FALSE(cidr_contains("192.168.1.0/24", "192.168.2.1"));
  EXPECT_TRUE(cidr_contains("192.168.1.7/32", "192.168.1.7"));
  EXPECT_TRUE(cidr_contains("0.0.0.0/0", "8.8.8.8"));
  EXPECT_TRUE(cidr_contains("fd00::/8", "fd12:3456::1"));
  EXPECT_FALSE(cidr_contains("fd00::/8", "fe80::1"));
  EXPECT_FALSE(cidr_contains("10.0.0.0/8", "fd00::1"));    // families differ
  EXPECT_FALSE(cidr_contains("10.0.0.0/33", "10.0.0.1"));  // bad prefix
  EXPECT_FALSE(cidr_contains("10.0.0.0/x", "10.0.0.1"));
  EXPECT_FALSE(cidr_contains("10.0.0.0", "10.0.0.1"));
  EXPECT_FALSE(cidr_contains("10.0.0.0/8", "ten.example"));  // names are not resolved
}

TEST(HostRules, InsecureRegistries) {
  const std::vector<std::string> entries{"reg.example:5000", "plain.example", "10.1.0.0/16"};
  EXPECT_TRUE(is_insecure_registry("reg.example:5000", entries));
  EXPECT_FALSE(is_insecure_registry("reg.example:5001", entries));
  EXPECT_FALSE(is_insecure_registry("reg.example", entries));
  EXPECT_TRUE(is_insecure_registry("plain.example", entries));
  EXPECT_TRUE(is_insecure_registry("plain.example:8080", entries));
  EXPECT_TRUE(is_insecure_registry("10.1.2.3:5000", entries));
  EXPECT_FALSE(is_insecure_registry("10.2.0.1:5000", entries));
  EXPECT_FALSE(is_insecure_registry("docker.io", entries));
  EXPECT_FALSE(is_insecure_registry("reg.example:5000", {}));
}

}  // namespace
}  // namespace mydocker::hub
