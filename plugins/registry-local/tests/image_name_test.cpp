// RepoTags match what users type once both are qualified the way Docker qualifies them.
#include <gtest/gtest.h>

#include "image_name.hpp"

namespace mydocker::local {
namespace {

TEST(ImageName, QualifiesLikeDocker) {
  EXPECT_EQ(qualify_image_name("busybox"), "docker.io/library/busybox:latest");
  EXPECT_EQ(qualify_image_name("busybox:1.36"), "docker.io/library/busybox:1.36");
  EXPECT_EQ(qualify_image_name("me/app"), "docker.io/me/app:latest");
  EXPECT_EQ(qualify_image_name("docker.io/busybox:latest"), "docker.io/library/busybox:latest");
  EXPECT_EQ(qualify_image_name("index.docker.io/library/busybox"),
            "docker.io/library/busybox:latest");
  EXPECT_EQ(qualify_image_name("localhost:5000/x"), "localhost:5000/x:latest");
  EXPECT_EQ(qualify_image_name("localhost/x:1"), "localhost/x:1");
  EXPECT_EQ(qualify_image_name("quay.io/a/b:c"), "quay.io/a/b:c");
  EXPECT_EQ(qualify_image_name("x@sha256:00"), "docker.io/library/x@sha256:00");
}

TEST(ImageName, MatchesAcrossDockerIoPrefixes) {
  EXPECT_TRUE(image_names_match("busybox:latest", "docker.io/library/busybox:latest"));
  EXPECT_TRUE(image_names_match("docker.io/library/busybox:latest", "busybox:latest"));
  EXPECT_TRUE(image_names_match("busybox", "busybox:latest"));
  EXPECT_TRUE(image_names_match("docker.io/me/app:1", "me/app:1"));
  EXPECT_FALSE(image_names_match("busybox:latest", "busybox:1.36"));
  EXPECT_FALSE(image_names_match("busybox:latest", "quay.io/busybox:latest"));
  EXPECT_FALSE(image_names_match("entry:latest", "busybox:latest"));
}

}  // namespace
}  // namespace mydocker::local
