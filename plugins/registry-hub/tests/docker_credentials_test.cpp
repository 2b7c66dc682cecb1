#include "docker_credentials.hpp"

#include <gtest/gtest.h>

#include "base64.hpp"
#include "mydocker/errors.hpp"

namespace mydocker::hub {
namespace {

TEST(Base64, RoundTrips) {
  for (const std::string& s :
       std::vector<std::string>{"", "a", "ab", "abc", "user:pa:ss", std::string("\0\xff\x10", 3)}) {
    EXPECT_EQ(base64_decode(base64_encode(s)), s);
  }
  EXPECT_EQ(base64_encode("user:secret"), "dXNlcjpzZWNyZXQ=");
  EXPECT_EQ(base64_decode("dXNlcjpzZWNyZXQ"), "user:secret");  // padding optional
  EXPECT_FALSE(base64_decode("dXN!cg=="));
  EXPECT_FALSE(base64_decode("a"));
}

TEST(Base64, PaddingIsTrimmedNotDecodedAsZeroBytes) {
  EXPECT_EQ(base64_encode(""), "");
  EXPECT_EQ(base64_encode("a"), "YQ==");
  EXPECT_EQ(base64_encode("ab"), "YWI=");
  EXPECT_EQ(base64_encode("abc"), "YWJj");
  EXPECT_EQ(base64_decode(""), "");
  EXPECT_EQ(base64_decode("YQ=="), "a");
  EXPECT_EQ(base64_decode("YQ="), "a");
  EXPECT_EQ(base64_decode("YQ"), "a");
  EXPECT_EQ(base64_decode("YWI="), "ab");
  EXPECT_EQ(base64_decode("YWI"), "ab");
  EXPECT_EQ(base64_decode("YWJj"), "abc");
  EXPECT_EQ(base64_decode("AAA="), std::string(2, '\0'));  // real zero bytes stay
}

TEST(Base64, RefusesAnythingButTheAlphabet) {
  EXPECT_FALSE(base64_decode("="));
  EXPECT_FALSE(base64_decode("Y==="));
  EXPECT_FALSE(base64_decode("YQ==="));
  EXPECT_FALSE(base64_decode("YWJj="));     // padding after a whole group
  EXPECT_FALSE(base64_decode("YQ==YWJj"));  // padding mid-text
  EXPECT_FALSE(base64_decode("YW=j"));
  EXPECT_FALSE(base64_decode(" YWJj"));  // whitespace, which OpenSSL alone would skip
  EXPECT_FALSE(base64_decode("YWJj\n"));
  EXPECT_FALSE(base64_decode("YW Jj"));
  EXPECT_FALSE(base64_decode("YWJj-"));
  EXPECT_FALSE(base64_decode("YWJ_"));  // the URL-safe alphabet is not docker's
  EXPECT_FALSE(base64_decode(std::string_view("YW\0j", 4)));
  EXPECT_FALSE(base64_decode("YWJ\x80"));
}

TEST(DockerCredentials, AuthsEntryWithBase64Auth) {
  const std::string config =
      R"({"auths": {"127.0.0.1:5000": {"auth": ")" + base64_encode("alice:s3:cret") + R"("}}})";
  const auto found = lookup_credentials(config, "127.0.0.1:5000", "config.json");
  ASSERT_TRUE(found.credentials);
  EXPECT_EQ(found.credentials->username, "alice");
  EXPECT_EQ(found.credentials->password, "s3:cret");  // only the first colon separates
  EXPECT_TRUE(found.helper.empty());
  EXPECT_FALSE(lookup_credentials(config, "127.0.0.1:5001", "config.json").credentials);
}

TEST(DockerCredentials, KeysWithSchemeAndPathMatchByHost) {
  const std::string config = R"({"auths": {
    "https://index.docker.io/v1/": {"auth": ")" +
                             base64_encode("hubuser:hubpass") + R"("},
    "http://reg.example:5000/v2/": {"username": "u", "password": "p"}}})";
  const auto hub = lookup_credentials(config, "docker.io", "c");
  ASSERT_TRUE(hub.credentials);
  EXPECT_EQ(hub.credentials->username, "hubuser");
  const auto other = lookup_credentials(config, "reg.example:5000", "c");
  ASSERT_TRUE(other.credentials);
  EXPECT_EQ(other.credentials->password, "p");
}

TEST(DockerCredentials, IdentityTokenAndEmptyEntries) {
  const auto found = lookup_credentials(
      R"({"auths": {"r.example": {}, "q.example": {"identitytoken": "refresh-me"}}})", "q.example",
      "c");
  ASSERT_TRUE(found.credentials);
  EXPECT_EQ(found.credentials->identity_token, "refresh-me");
  // `docker login` with a credsStore leaves empty entries behind: they are not credentials.
  EXPECT_FALSE(lookup_credentials(R"({"auths": {"r.example": {}}})", "r.example", "c").credentials);
}

TEST(DockerCredentials, HelpersPerRegistryWinOverTheStore) {
  const std::string config =
      R"({"credsStore": "desktop", "credHelpers": {"gcr.io": "gcloud", "index.docker.io": "hub"}})";
  EXPECT_EQ(lookup_credentials(config, "gcr.io", "c").helper, "gcloud");
  EXPECT_EQ(lookup_credentials(config, "docker.io", "c").helper, "hub");
  EXPECT_EQ(lookup_credentials(config, "other.example", "c").helper, "desktop");
  EXPECT_EQ(helper_server_name("docker.io"), "https://index.docker.io/v1/");
  EXPECT_EQ(helper_server_name("127.0.0.1:5000"), "127.0.0.1:5000");
}

TEST(DockerCredentials, BrokenInputIsAClearError) {
  EXPECT_THROW(lookup_credentials("{not json", "x", "c"), Error);
  try {
    lookup_credentials(R"({"auths": {"x": {"auth": "bm9jb2xvbg=="}}})", "x", "/h/config.json");
    FAIL();
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("/h/config.json"), std::string::npos) << e.what();
  }
  // Not base64 at all (whitespace inside), rather than base64 without a colon.
  try {
    lookup_credentials(R"({"auths": {"x": {"auth": "dXNl cjpwdw=="}}})", "x", "/h/config.json");
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(std::string(e.what()),
              "/h/config.json: the \"auth\" of x is not base64 of \"user:password\"; log in again");
  }
  EXPECT_FALSE(lookup_credentials("[]", "x", "c").credentials);
}

TEST(DockerCredentials, HelperOutput) {
  auto c = parse_helper_output(R"({"ServerURL":"x","Username":"bob","Secret":"pw"})");
  ASSERT_TRUE(c);
  EXPECT_EQ(c->username, "bob");
  EXPECT_EQ(c->password, "pw");
  c = parse_helper_output(R"({"Username":"<token>","Secret":"refresh"})");
  ASSERT_TRUE(c);
  EXPECT_EQ(c->identity_token, "refresh");
  EXPECT_TRUE(c->username.empty());
  EXPECT_FALSE(parse_helper_output("credentials not found in native keychain"));
}

}  // namespace
}  // namespace mydocker::hub
