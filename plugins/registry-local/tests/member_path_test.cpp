// Member paths from manifest.json/index.json must stay inside the archive.
#include <gtest/gtest.h>

#include "member_path.hpp"
#include "mydocker/errors.hpp"

namespace mydocker::local {
namespace {

TEST(MemberPath, Normalises) {
  EXPECT_EQ(normalize_member_path("a"), "a");
  EXPECT_EQ(normalize_member_path("./a"), "a");
  EXPECT_EQ(normalize_member_path("././a"), "a");
  EXPECT_EQ(normalize_member_path("a//b/./c/"), "a/b/c");
  EXPECT_EQ(normalize_member_path("blobs/sha256/abc"), "blobs/sha256/abc");
  EXPECT_EQ(normalize_member_path("."), "");
  EXPECT_EQ(normalize_member_path("./"), "");
  EXPECT_EQ(normalize_member_path("a..b/..c"), "a..b/..c");
}

TEST(MemberPath, RefusesParentsAndAbsolutePaths) {
  EXPECT_FALSE(normalize_member_path("../x"));
  EXPECT_FALSE(normalize_member_path("a/../b"));
  EXPECT_FALSE(normalize_member_path("a/.."));
  EXPECT_FALSE(normalize_member_path("./../../etc/passwd"));
  EXPECT_FALSE(normalize_member_path("/etc/passwd"));
  EXPECT_FALSE(normalize_member_path("//etc/passwd"));
}

TEST(MemberPath, LinkTargetsResolveInsideTheArchiveOnly) {
  EXPECT_EQ(resolve_link_target("b/layer.tar", "../a/layer.tar"), "a/layer.tar");
  EXPECT_EQ(resolve_link_target("b/layer.tar", "x.tar"), "b/x.tar");
  EXPECT_EQ(resolve_link_target("top", "./other"), "other");
  EXPECT_EQ(resolve_link_target("a/b/c", "../../d"), "d");
  EXPECT_FALSE(resolve_link_target("b/layer.tar", "../../etc/passwd"));
  EXPECT_FALSE(resolve_link_target("top", "../x"));
  EXPECT_FALSE(resolve_link_target("b/layer.tar", "/etc/passwd"));
  EXPECT_FALSE(resolve_link_target("b/layer.tar", ".."));
}

TEST(MemberPath, RequireNamesTheArchiveAndThePath) {
  EXPECT_EQ(require_member_path("./x/layer.tar", "archive ./x.tar", "manifest.json"),
            "x/layer.tar");
  try {
    require_member_path("../../etc/passwd", "archive ./x.tar", "manifest.json");
    FAIL();
  } catch (const Error& e) {
    EXPECT_STREQ(e.what(),
                 "archive ./x.tar: manifest.json refers to \"../../etc/passwd\", outside the "
                 "archive");
  }
  EXPECT_THROW(require_member_path("/etc/passwd", "archive ./x.tar", "manifest.json"), Error);
  EXPECT_THROW(require_member_path("./", "archive ./x.tar", "manifest.json"), Error);
}

}  // namespace
}  // namespace mydocker::local
