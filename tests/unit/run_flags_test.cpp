// The parsers behind docker's run flags: --user lookup, --env-file, -v, --memory, --cpus.
#include <gtest/gtest.h>

#include <fstream>

#include "mydocker/errors.hpp"
#include "run/environment.hpp"
#include "run/etc_files.hpp"
#include "run/resource_limits.hpp"
#include "run/user_lookup.hpp"
#include "run/volumes.hpp"

namespace mydocker {
namespace {

const char* kPasswd =
    "root:x:0:0:root:/root:/bin/sh\n"
    "daemon:x:1:1:daemon:/usr/sbin:/bin/false\n"
    "# a comment\n"
    "app:x:1000:1001:App:/home/app:/bin/sh\n"
    "broken-line\n";
const char* kGroup =
    "root:x:0:\n"
    "wheel:x:10:root,app\n"
    "appgroup:x:1001:\n"
    "audio:x:29:app\n";

TEST(UserLookup, NamesNumbersAndGroupsComeFromTheImagesFiles) {
  auto u = resolve_user("app", kPasswd, kGroup);
  EXPECT_EQ(u.uid, 1000u);
  EXPECT_EQ(u.gid, 1001u);
  EXPECT_EQ(u.home, "/home/app");
  EXPECT_EQ(u.additional_gids, (std::vector<std::uint32_t>{1001, 10, 29}));

  u = resolve_user("", kPasswd, kGroup);
  EXPECT_EQ(u.uid, 0u);
  EXPECT_EQ(u.home, "/root");
  EXPECT_EQ(u.additional_gids, (std::vector<std::uint32_t>{0, 10})) << "as `id` shows in docker";

  u = resolve_user("1000", kPasswd, kGroup);
  EXPECT_EQ(u.gid, 1001u);
  u = resolve_user("4242", kPasswd, kGroup);  // unknown number: fine, group 0, home /
  EXPECT_EQ(u.uid, 4242u);
  EXPECT_EQ(u.gid, 0u);
  EXPECT_EQ(u.home, "/");

  u = resolve_user("app:audio", kPasswd, kGroup);
  EXPECT_EQ(u.gid, 29u);
  EXPECT_EQ(u.additional_gids, (std::vector<std::uint32_t>{29, 10}));
  u = resolve_user("4242:4343", "", "");
  EXPECT_EQ(u.uid, 4242u);
  EXPECT_EQ(u.gid, 4343u);
}

TEST(UserLookup, UnknownNamesAndBadSyntaxAreErrors) {
  EXPECT_THROW(resolve_user("nobody-here", kPasswd, kGroup), Error);
  EXPECT_THROW(resolve_user("app:nogroup", kPasswd, kGroup), Error);
  EXPECT_THROW(resolve_user("app:", kPasswd, kGroup), Error);
  EXPECT_THROW(resolve_user(":1", kPasswd, kGroup), Error);
  EXPECT_THROW(resolve_user("99999999999", kPasswd, kGroup), Error);
}

// Found by the fuzzer: a user found by name whose uid field is not a number dereferenced an
// empty optional (the uid was then whatever the memory held).
TEST(UserLookup, ANonNumericUidInTheImagesPasswdIsAnError) {
  try {
    resolve_user("app", "app:x:abc:1000:App:/home/app:/bin/sh\n", kGroup);
    ADD_FAILURE() << "no error for a non-numeric uid";
  } catch (const Error& e) {
    EXPECT_STREQ(e.what(),
                 "invalid entry for user app in the image's passwd file: uid \"abc\" is not a "
                 "number");
  }
}

TEST(EnvFile, SkipsCommentsAndBlanksAndChecksNames) {
  const auto path = std::filesystem::temp_directory_path() / "mydocker-envfile-test";
  {
    std::ofstream out(path);
    out << "# comment\n\nA=1\n  B=two words\r\nPASS_THROUGH\n";
  }
  EXPECT_EQ(read_env_file(path), (std::vector<std::string>{"A=1", "B=two words", "PASS_THROUGH"}));
  {
    std::ofstream out(path);
    out << "OK=1\nBAD NAME=2\n";
  }
  try {
    read_env_file(path);
    ADD_FAILURE() << "no error for a bad line";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find(":2:"), std::string::npos) << e.what();
  }
  std::filesystem::remove(path);
  EXPECT_THROW(read_env_file(path), Error);
}

TEST(Volumes, DockerBindSyntax) {
  auto v = parse_volume("/host/dir:/data");
  EXPECT_EQ(v.host, "/host/dir");
  EXPECT_EQ(v.container, "/data");
  EXPECT_FALSE(v.read_only);
  EXPECT_TRUE(parse_volume("/h:/c:ro").read_only);
  EXPECT_FALSE(parse_volume("/h:/c:rw").read_only);
  EXPECT_THROW(parse_volume("named:/data"), Error);
  EXPECT_THROW(parse_volume("/h:relative"), Error);
  EXPECT_THROW(parse_volume("/h:/"), Error);
  EXPECT_THROW(parse_volume("/h"), Error);
  EXPECT_THROW(parse_volume("/h:/c:z"), Error);
  EXPECT_THROW(parse_volume("/h:/c:ro:x"), Error);
}

TEST(ResourceLimits, MemorySizes) {
  EXPECT_EQ(parse_memory_size("1024"), 1024);
  EXPECT_EQ(parse_memory_size("512k"), 512 * 1024);
  EXPECT_EQ(parse_memory_size("64m"), 64LL << 20);
  EXPECT_EQ(parse_memory_size("64M"), 64LL << 20);
  EXPECT_EQ(parse_memory_size("64MiB"), 64LL << 20);
  EXPECT_EQ(parse_memory_size("2gb"), 2LL << 30);
  EXPECT_EQ(parse_memory_size("1.5g"), 3LL << 29);
  EXPECT_THROW(parse_memory_size(""), Error);
  EXPECT_THROW(parse_memory_size("m"), Error);
  EXPECT_THROW(parse_memory_size("-1m"), Error);
  EXPECT_THROW(parse_memory_size("12x"), Error);
  EXPECT_THROW(parse_memory_size("99999999999g"), Error);
}

TEST(ResourceLimits, Cpus) {
  EXPECT_DOUBLE_EQ(parse_cpus("0.5"), 0.5);
  EXPECT_DOUBLE_EQ(parse_cpus("2"), 2.0);
  EXPECT_THROW(parse_cpus("0"), Error);
  EXPECT_THROW(parse_cpus("-1"), Error);
  EXPECT_THROW(parse_cpus("one"), Error);
  EXPECT_THROW(parse_cpus("1.5x"), Error);
}

TEST(EtcFiles, HostsFileNamesTheContainer) {
  EXPECT_EQ(container_hosts_file("abc"),
            "127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n127.0.1.1\tabc\n");
}

}  // namespace
}  // namespace mydocker
