// Docker's rules for --cap-add and --cap-drop, without root.
#include "capabilities.hpp"

#include <gtest/gtest.h>

#include "default_seccomp_program.hpp"
#include "mydocker/errors.hpp"
#include "seccomp_filter.hpp"

namespace mydocker::pivot_root {
namespace {

using namespace isolation;

constexpr CapabilitySet kAll = (CapabilitySet{1} << 41) - 1;  // 0..CHECKPOINT_RESTORE
constexpr CapabilitySet bit(int n) { return CapabilitySet{1} << n; }

TEST(Capabilities, NamesAsDockerAcceptsThem) {
  EXPECT_EQ(capability_number("CHOWN"), 0);
  EXPECT_EQ(capability_number("net_admin"), 12);
  EXPECT_EQ(capability_number("CAP_SYS_ADMIN"), 21);
  EXPECT_EQ(capability_number("cap_checkpoint_restore"), 40);
  EXPECT_THROW(capability_number("NOT_A_CAP"), Error);
  EXPECT_THROW(capability_number(""), Error);
}

TEST(Capabilities, OnlyThoseTheCallerHoldsCanBeGiven) {
  EXPECT_NO_THROW(require_capabilities(kDockerDefaultCapabilities, kAll));
  EXPECT_NO_THROW(require_capabilities(0, 0));
  try {
    require_capabilities(kDockerDefaultCapabilities | bit(12) | bit(21),
                         kDockerDefaultCapabilities | bit(21));
    FAIL() << "NET_ADMIN is missing";
  } catch (const Error& e) {
    EXPECT_STREQ(e.what(),
                 "cannot give the container CAP_NET_ADMIN: mydocker itself does not have it");
  }
}

TEST(Capabilities, DefaultAdjustedByDropsThenAdds) {
  EXPECT_EQ(container_capabilities({}, {}, kAll), kDockerDefaultCapabilities);
  EXPECT_EQ(container_capabilities({"NET_ADMIN"}, {"CHOWN"}, kAll),
            (kDockerDefaultCapabilities | bit(12)) & ~bit(0));
  EXPECT_EQ(container_capabilities({"NET_ADMIN"}, {"ALL"}, kAll), bit(12));
  EXPECT_EQ(container_capabilities({}, {"all"}, kAll), 0u);
  EXPECT_EQ(container_capabilities({"ALL"}, {"SYS_ADMIN"}, kAll), kAll & ~bit(21));
  // A capability this kernel lacks cannot be granted.
  EXPECT_EQ(container_capabilities({"CHECKPOINT_RESTORE"}, {"ALL"}, bit(40) - 1), 0u);
  EXPECT_THROW(container_capabilities({"BOGUS"}, {}, kAll), Error);
}

TEST(SeccompFilter, CompilesForTheDefaultAndForAllCapabilities) {
  const auto default_filter = SeccompFilter::docker_default(kDockerDefaultCapabilities);
  const auto privileged = SeccompFilter::docker_default(kAll);
  EXPECT_GT(default_filter.instruction_count(), 100u);
  EXPECT_LE(privileged.instruction_count(), 4096u) << "the kernel's limit for one filter";
  EXPECT_NE(default_filter.instruction_count(), privileged.instruction_count())
      << "capabilities open up more system calls";
}

TEST(SeccompFilter, TheBuildTimeProgramIsTheDefaultProfile) {
  const auto compiled = SeccompFilter::docker_default(kDockerDefaultCapabilities).program();
  ASSERT_EQ(compiled.size(), kDefaultSeccompProgramSize);
  for (std::size_t i = 0; i < compiled.size(); ++i) {
    const auto& a = compiled[i];
    const auto& b = kDefaultSeccompProgram[i];
    ASSERT_TRUE(a.code == b.code && a.jt == b.jt && a.jf == b.jf && a.k == b.k) << "at " << i;
  }
}

}  // namespace
}  // namespace mydocker::pivot_root
