#include "www_authenticate.hpp"

#include <gtest/gtest.h>

namespace mydocker::hub {
namespace {

TEST(WwwAuthenticate, DockerHubBearer) {
  const auto c = parse_www_authenticate(
      R"(Bearer realm="https://auth.docker.io/token",service="registry.docker.io",)"
      R"(scope="repository:library/alpine:pull")");
  ASSERT_EQ(c.size(), 1u);
  EXPECT_EQ(c[0].scheme, "bearer");
  EXPECT_EQ(c[0].param("realm"), "https://auth.docker.io/token");
  EXPECT_EQ(c[0].param("service"), "registry.docker.io");
  EXPECT_EQ(c[0].param("scope"), "repository:library/alpine:pull");
}

TEST(WwwAuthenticate, QuotedValuesKeepCommasAndEscapes) {
  const auto c = parse_www_authenticate(
      R"(Bearer realm="http://h/t?a=1,b=2", scope="repository:x:pull,push", error="say \"no\"")");
  ASSERT_EQ(c.size(), 1u);
  EXPECT_EQ(c[0].param("realm"), "http://h/t?a=1,b=2");
  EXPECT_EQ(c[0].param("scope"), "repository:x:pull,push");
  EXPECT_EQ(c[0].param("error"), "say \"no\"");
}

TEST(WwwAuthenticate, BasicAndCaseInsensitiveNames) {
  const auto c = parse_www_authenticate(R"(BASIC Realm="Registry Realm")");
  ASSERT_EQ(c.size(), 1u);
  EXPECT_EQ(c[0].scheme, "basic");
  EXPECT_EQ(c[0].param("realm"), "Registry Realm");
}

TEST(WwwAuthenticate, SeveralChallengesInOneHeader) {
  const auto c =
      parse_www_authenticate(R"(Basic realm="r1", Bearer realm="https://a/t",service=s , Foo)");
  ASSERT_EQ(c.size(), 3u);
  EXPECT_EQ(c[0].scheme, "basic");
  EXPECT_EQ(c[0].param("realm"), "r1");
  EXPECT_EQ(c[1].scheme, "bearer");
  EXPECT_EQ(c[1].param("realm"), "https://a/t");
  EXPECT_EQ(c[1].param("service"), "s");
  EXPECT_EQ(c[2].scheme, "foo");
  EXPECT_TRUE(c[2].params.empty());
}

TEST(WwwAuthenticate, UnquotedTokensAndSpacesAroundEquals) {
  const auto c = parse_www_authenticate("Bearer realm = https://a/t , service=reg");
  ASSERT_EQ(c.size(), 1u);
  EXPECT_EQ(c[0].param("realm"), "https://a/t");
  EXPECT_EQ(c[0].param("service"), "reg");
}

TEST(WwwAuthenticate, MalformedInputDoesNotCrash) {
  EXPECT_TRUE(parse_www_authenticate("").empty());
  EXPECT_TRUE(parse_www_authenticate(" , ,").empty());
  const auto c = parse_www_authenticate(R"(Bearer realm="unterminated)");
  ASSERT_EQ(c.size(), 1u);
  EXPECT_EQ(c[0].param("realm"), "unterminated");
  const auto junk = parse_www_authenticate("Bearer ===, \"x\"");
  ASSERT_FALSE(junk.empty());
  EXPECT_EQ(junk[0].scheme, "bearer");
}

}  // namespace
}  // namespace mydocker::hub
