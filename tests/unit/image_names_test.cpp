// images.json damaged on disk (empty, cut short, garbage): the names read as none, the file is
// reported and repaired, and whatever entries are still whole are kept.
#include "store/image_names.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

namespace mydocker {
namespace {

namespace fs = std::filesystem;

const std::string kDigestA = "sha256:" + std::string(64, 'a');
const std::string kDigestB = "sha256:" + std::string(64, 'b');
const std::string kDigestC = "sha256:" + std::string(64, 'c');

ImageRecord record(const std::string& name, const std::string& manifest) {
  return {name, manifest, kDigestB, "2024-01-01T00:00:00Z", 1234};
}

// Two whole entries as mydocker writes them, the second cut off half way.
std::string truncated_file() {
  const std::string whole =
      format_image_names({record("docker.io/library/alpine:latest", kDigestA),
                          record("docker.io/library/busybox:latest", kDigestC),
                          record("docker.io/library/zzz:1", kDigestA)});
  return whole.substr(0, whole.rfind("zzz") + 20);
}

class DamagedNames : public ::testing::Test {
 protected:
  DamagedNames() {
    root_ = fs::temp_directory_path() / ("image-names-test-" + std::to_string(::getpid()));
    fs::remove_all(root_);
    fs::create_directories(root_ / "locks");
  }
  ~DamagedNames() override { fs::remove_all(root_); }

  void write(const std::string& text) { std::ofstream(root_ / "images.json") << text; }
  std::string read(const fs::path& file) {
    std::ifstream in(file);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
  }

  fs::path root_;
};

TEST(ImageNamesSalvage, KeepsTheWholeEntriesOfATruncatedFile) {
  const auto records = salvage_image_names(truncated_file());
  ASSERT_EQ(records.size(), 2u);
  EXPECT_EQ(records[0].name, "docker.io/library/alpine:latest");
  EXPECT_EQ(records[0].manifest_digest, kDigestA);
  EXPECT_EQ(records[0].config_digest, kDigestB);
  EXPECT_EQ(records[0].size, 1234);
  EXPECT_EQ(records[1].name, "docker.io/library/busybox:latest");
}

TEST(ImageNamesSalvage, FindsNothingInGarbage) {
  EXPECT_TRUE(salvage_image_names("").empty());
  EXPECT_TRUE(salvage_image_names("\x01\x02{{{}}} \"x\": {\"manifest\": 3}").empty());
  EXPECT_TRUE(salvage_image_names(std::string(100000, '{')).empty());
  // An entry with an invalid digest is not whole.
  EXPECT_TRUE(
      salvage_image_names(R"({"images": {"a": {"config": "sha256:12", "manifest": "x"}})").empty());
}

TEST_F(DamagedNames, ReadAsNoNamesAndReported) {
  for (const std::string& text : {std::string(), std::string("\n"), truncated_file(),
                                  std::string("\x7f"
                                              "ELF garbage")}) {
    write(text);
    ImageNames names(root_);
    EXPECT_TRUE(names.list().empty());
    EXPECT_FALSE(names.find("docker.io/library/alpine:latest"));
    const auto file = names.inspect();
    ASSERT_TRUE(file.damage) << text;
    EXPECT_NE(file.damage->find((root_ / "images.json").string()), std::string::npos);
  }
}

TEST_F(DamagedNames, RepairKeepsUsableEntriesAndSetsTheFileAside) {
  write(truncated_file());
  ImageNames names(root_);
  const auto repair =
      names.repair([](const ImageRecord& r) { return r.manifest_digest == kDigestA; });
  ASSERT_TRUE(repair);
  EXPECT_EQ(repair->kept, 1u);
  EXPECT_EQ(repair->dropped, 1u);
  EXPECT_EQ(repair->set_aside, root_ / "images.json.damaged");
  EXPECT_EQ(read(root_ / "images.json.damaged"), truncated_file());
  EXPECT_FALSE(names.inspect().damage);
  ASSERT_EQ(names.list().size(), 1u);
  EXPECT_EQ(names.list()[0].name, "docker.io/library/alpine:latest");
  EXPECT_FALSE(names.repair([](const ImageRecord&) { return true; })) << "nothing left to repair";
}

TEST_F(DamagedNames, NamingAnImageReplacesAnEmptyFile) {
  write("");
  ImageNames names(root_);
  names.put(record("docker.io/library/alpine:latest", kDigestA));
  EXPECT_FALSE(names.inspect().damage);
  EXPECT_EQ(names.list().size(), 1u);
  EXPECT_TRUE(fs::exists(root_ / "images.json.damaged"));
}

}  // namespace
}  // namespace mydocker
