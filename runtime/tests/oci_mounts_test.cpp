// mounts -> MountPlan: every option of runc's table, propagation, data, and binds.
#include "oci/oci_mounts.hpp"

#include <gtest/gtest.h>
#include <sys/mount.h>

#include "oci_test_support.hpp"

namespace mydocker::runtime::oci {
namespace {

using testing::Document;
using testing::error_of;

unsigned long flags_of(std::vector<std::string> options) {
  return parse_mount_options(options).flags;
}

TEST(OciMountOptions, EachFlagOptionSetsItsFlag) {
  const std::pair<const char*, unsigned long> setting[] = {
      {"ro", MS_RDONLY},         {"nosuid", MS_NOSUID},
      {"nodev", MS_NODEV},       {"noexec", MS_NOEXEC},
      {"sync", MS_SYNCHRONOUS},  {"dirsync", MS_DIRSYNC},
      {"remount", MS_REMOUNT},   {"mand", MS_MANDLOCK},
      {"noatime", MS_NOATIME},   {"nodiratime", MS_NODIRATIME},
      {"relatime", MS_RELATIME}, {"strictatime", MS_STRICTATIME},
      {"bind", MS_BIND},         {"rbind", MS_BIND | MS_REC},
      {"acl", MS_POSIXACL},      {"iversion", MS_I_VERSION},
      {"lazytime", MS_LAZYTIME}, {"silent", MS_SILENT}};
  for (const auto& [option, flag] : setting) {
    const auto parsed = parse_mount_options({option});
    EXPECT_EQ(parsed.flags, flag) << option;
    EXPECT_EQ(parsed.propagation, 0u) << option;
    EXPECT_EQ(parsed.data, "") << option;
  }
}

TEST(OciMountOptions, EachClearingOptionUndoesItsOpposite) {
  const std::pair<const char*, const char*> opposite[] = {{"rw", "ro"},
                                                          {"suid", "nosuid"},
                                                          {"dev", "nodev"},
                                                          {"exec", "noexec"},
                                                          {"async", "sync"},
                                                          {"nomand", "mand"},
                                                          {"atime", "noatime"},
                                                          {"diratime", "nodiratime"},
                                                          {"norelatime", "relatime"},
                                                          {"nostrictatime", "strictatime"},
                                                          {"noacl", "acl"},
                                                          {"noiversion", "iversion"},
                                                          {"nolazytime", "lazytime"},
                                                          {"loud", "silent"}};
  for (const auto& [clearing, setting] : opposite) {
    EXPECT_NE(flags_of({setting}), 0u) << setting;
    EXPECT_EQ(flags_of({setting, clearing}), 0u) << clearing;
    EXPECT_EQ(flags_of({clearing}), 0u) << clearing;
    // Order matters: the last word wins.
    EXPECT_EQ(flags_of({clearing, setting}), flags_of({setting})) << clearing;
    EXPECT_EQ(parse_mount_options({clearing}).data, "") << clearing;
  }
}

TEST(OciMountOptions, Propagation) {
  const std::pair<const char*, unsigned long> options[] = {
      {"private", MS_PRIVATE},       {"rprivate", MS_PRIVATE | MS_REC},
      {"shared", MS_SHARED},         {"rshared", MS_SHARED | MS_REC},
      {"slave", MS_SLAVE},           {"rslave", MS_SLAVE | MS_REC},
      {"unbindable", MS_UNBINDABLE}, {"runbindable", MS_UNBINDABLE | MS_REC}};
  for (const auto& [option, flags] : options) {
    const auto parsed = parse_mount_options({"rbind", option});
    EXPECT_EQ(parsed.propagation, flags) << option;
    EXPECT_EQ(parsed.flags, MS_BIND | MS_REC) << option;
    EXPECT_EQ(propagation_flags(option), flags) << option;
  }
  EXPECT_EQ(parse_mount_options({"shared", "rslave"}).propagation, MS_SLAVE | MS_REC);
  EXPECT_FALSE(propagation_flags("rw"));
}

TEST(OciMountOptions, EverythingElseIsDataInOrder) {
  const auto parsed = parse_mount_options({"nosuid", "newinstance", "ptmxmode=0666", "noexec",
                                           "mode=0620", "gid=5", "defaults", "tmpcopyup"});
  EXPECT_EQ(parsed.flags, MS_NOSUID | MS_NOEXEC);
  EXPECT_EQ(parsed.data, "newinstance,ptmxmode=0666,mode=0620,gid=5");
}

TEST(OciMounts, RuncSpecTmpfs) {
  Document doc(R"({"mounts": [{"destination": "/dev", "type": "tmpfs", "source": "tmpfs",
                   "options": ["nosuid", "strictatime", "mode=755", "size=65536k"]}]})");
  const auto mounts = parse_mounts(doc.at("mounts"), "/bundle");
  ASSERT_EQ(mounts.size(), 1u);
  EXPECT_EQ(mounts[0].destination, "/dev");
  EXPECT_EQ(mounts[0].type, "tmpfs");
  EXPECT_EQ(mounts[0].source, "tmpfs");
  EXPECT_EQ(mounts[0].flags, MS_NOSUID | MS_STRICTATIME);
  EXPECT_EQ(mounts[0].propagation, 0u);
  EXPECT_EQ(mounts[0].data, "mode=755,size=65536k");
}

TEST(OciMounts, BindByOptionOrType) {
  Document doc(R"({"mounts": [
    {"destination": "/etc/hosts", "type": "none", "source": "/var/lib/x/hosts",
     "options": ["rbind", "rprivate", "ro"]},
    {"destination": "/data", "type": "bind", "source": "data"},
    {"destination": "/src", "source": "./a/../src", "options": ["bind"]}]})");
  const auto mounts = parse_mounts(doc.at("mounts"), "/b/bundle");
  ASSERT_EQ(mounts.size(), 3u);
  EXPECT_EQ(mounts[0].type, "bind");
  EXPECT_EQ(mounts[0].source, "/var/lib/x/hosts");
  EXPECT_EQ(mounts[0].flags, MS_BIND | MS_REC | MS_RDONLY);
  EXPECT_EQ(mounts[0].propagation, MS_PRIVATE | MS_REC);
  EXPECT_EQ(mounts[1].type, "bind");
  EXPECT_EQ(mounts[1].flags, MS_BIND);
  EXPECT_EQ(mounts[1].source, "/b/bundle/data");
  EXPECT_EQ(mounts[2].type, "bind");
  EXPECT_EQ(mounts[2].source, "/b/bundle/src");
}

TEST(OciMounts, RelativeSourceOfANonBindIsKept) {
  Document doc(R"({"mounts": [{"destination": "proc", "type": "proc", "source": "proc"}]})");
  const auto mounts = parse_mounts(doc.at("mounts"), "/bundle");
  EXPECT_EQ(mounts[0].source, "proc");
  EXPECT_EQ(mounts[0].destination, "/proc");  // runc 1.1 still accepts a relative one
}

TEST(OciMounts, Errors) {
  Document no_destination(R"({"mounts": [{"type": "proc", "source": "proc"}]})");
  EXPECT_EQ(error_of([&] { parse_mounts(no_destination.at("mounts"), "/b"); }),
            "config.json: mounts[0].destination is required");
  Document bad_option(R"({"mounts": [{"destination": "/x", "options": ["ro", 1]}]})");
  EXPECT_EQ(error_of([&] { parse_mounts(bad_option.at("mounts"), "/b"); }),
            "config.json: mounts[0].options[1] must be a string, not a number");
  Document no_source(R"({"mounts": [{"destination": "/x", "type": "bind"}]})");
  EXPECT_EQ(error_of([&] { parse_mounts(no_source.at("mounts"), "/b"); }),
            "config.json: mounts[0].source is required for a bind mount");
  Document not_array(R"({"mounts": {"destination": "/x"}})");
  EXPECT_EQ(error_of([&] { parse_mounts(not_array.at("mounts"), "/b"); }),
            "config.json: mounts must be an array, not an object");
}

}  // namespace
}  // namespace mydocker::runtime::oci
