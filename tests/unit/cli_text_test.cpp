// The pieces of the command line's text that need no binary: typo suggestions, help wrapping,
// and naming the cgroup layout from a mountinfo.
#include <gtest/gtest.h>

#include "cli/help_formatter.hpp"
#include "cli/suggestion.hpp"
#include "util/cgroup_layout.hpp"

namespace mydocker {
namespace {

TEST(Suggestion, EditDistanceCountsSwapsAsOne) {
  EXPECT_EQ(edit_distance("run", "run"), 0u);
  EXPECT_EQ(edit_distance("rnu", "run"), 1u);
  EXPECT_EQ(edit_distance("rnu", "rmi"), 2u);
  EXPECT_EQ(edit_distance("", "abc"), 3u);
  EXPECT_EQ(edit_distance("--netwrok", "--network"), 1u);
}

TEST(Suggestion, ClosestMatchOnlyWhenClose) {
  const std::vector<std::string> commands{"run", "pull", "load", "images", "rmi", "system"};
  EXPECT_EQ(closest_match("rnu", commands), "run");
  EXPECT_EQ(closest_match("imgaes", commands), "images");
  EXPECT_EQ(closest_match("sytsem", commands), "system");
  EXPECT_EQ(closest_match("frobnicate", commands), std::nullopt);
  EXPECT_EQ(closest_match("x", commands), std::nullopt);  // one letter matches nothing well
}

TEST(HelpWrap, BreaksAtSpacesWithinTheWidth) {
  EXPECT_EQ(wrap_text("one two three four", 9, 2), "one two\n  three\n  four");
  EXPECT_EQ(wrap_text("averyveryverylongword and", 5, 0), "averyveryverylongword\nand");
  EXPECT_EQ(wrap_text("", 10, 0), "");
}

constexpr const char* kV2 =
    "22 1 0:21 / / rw - ext4 /dev/sda1 rw\n"
    "30 22 0:27 / /sys/fs/cgroup rw,nosuid,nodev,noexec,relatime shared:9 - cgroup2 cgroup2 rw\n";
constexpr const char* kV1 =
    "30 22 0:27 / /sys/fs/cgroup rw - tmpfs tmpfs rw,mode=755\n"
    "31 30 0:28 / /sys/fs/cgroup/cpu rw,relatime shared:10 - cgroup cgroup rw,cpu\n"
    "39 30 0:36 / /sys/fs/cgroup/systemd rw - cgroup cgroup rw,name=systemd\n";

TEST(CgroupLayout, NamedFromMountinfo) {
  EXPECT_EQ(cgroup_layout_from_mountinfo(kV2), CgroupLayout::v2);
  EXPECT_EQ(cgroup_layout_from_mountinfo(kV1), CgroupLayout::v1);
  EXPECT_EQ(cgroup_layout_from_mountinfo(std::string(kV1) +
                                         "40 30 0:37 / /sys/fs/cgroup/unified rw - cgroup2 "
                                         "cgroup2 rw\n"),
            CgroupLayout::hybrid);
  EXPECT_EQ(cgroup_layout_from_mountinfo("22 1 0:21 / / rw - ext4 /dev/sda1 rw\n"),
            CgroupLayout::none);
  // A mount point named like a type is not one.
  EXPECT_EQ(cgroup_layout_from_mountinfo("22 1 0:21 / /cgroup2 rw - ext4 /dev/sda1 rw\n"),
            CgroupLayout::none);
  EXPECT_EQ(to_string(CgroupLayout::hybrid), "hybrid");
}

}  // namespace
}  // namespace mydocker
