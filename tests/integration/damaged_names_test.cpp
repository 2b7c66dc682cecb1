// A damaged images.json (empty, cut short, garbage) must not stop any command: one warning
// naming it, `system check` reports it, `--repair` sets it aside and resets what cannot be
// recovered, and pull, run and images then work as before.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "harness.hpp"
#include "registry_fixture.hpp"

namespace mydocker::test {
namespace {

namespace fs = std::filesystem;

std::string read_text(const fs::path& file) {
  std::ifstream in(file);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

class DamagedImageNames
    : public SharedRegistry<DamagedImageNames, ::testing::TestWithParam<const char*>> {
 protected:
  static void SetUpTestSuite() {
    start_registry().push_test_image("busybox-oci", "busybox:latest");
  }

  Client client_;
};

TEST_P(DamagedImageNames, CommandsWarnAndRepairResetsTheNames) {
  const std::string ref = registry_->address() + "/busybox:latest";
  ASSERT_EQ(client_.run({"pull", ref}).exit_code, 0);
  const fs::path names = client_.store() / "images.json";
  const std::string damage = GetParam();
  const std::string whole = read_text(names);
  std::string damaged;
  if (damage == "truncated") damaged = whole.substr(0, whole.size() / 2);
  if (damage == "garbage") damaged = std::string(1, '\x7f') + "ELF\x02\x01 not json at all";
  std::ofstream(names, std::ios::trunc) << damaged;

  const std::string warning = names.string();
  auto r = client_.run({"images"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
  EXPECT_NE(r.err.find(warning), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("mydocker system check --repair"), std::string::npos) << r.err;

  r = client_.run({"system", "check"});
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  EXPECT_NE(r.out.find(warning + " is damaged"), std::string::npos) << r.out;

  r = client_.run({"system", "check", "--repair"});
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_NE(r.out.find("kept as " + names.string() + ".damaged"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("the image names are reset"), std::string::npos) << r.out;
  EXPECT_TRUE(fs::exists(names.string() + ".damaged"));

  r = client_.run({"system", "check"});
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  r = client_.run({"run", ref, "explorer", "echo", "hi"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "hi\n");
  EXPECT_EQ(r.err, "");
  r = client_.run({"images"});
  EXPECT_NE(r.out.find("busybox"), std::string::npos) << r.out;
  EXPECT_EQ(r.err, "");
}

INSTANTIATE_TEST_SUITE_P(Damage, DamagedImageNames,
                         ::testing::Values("empty", "truncated", "garbage"));

}  // namespace
}  // namespace mydocker::test
