// Deliberately broken plugins for the loader's tests; which one is built is chosen by a
// compile definition (see tests/CMakeLists.txt).
#include <stdexcept>

#include "mydocker/plugin.hpp"

namespace {
class NullIsolator : public mydocker::IIsolator {
 public:
  std::unique_ptr<mydocker::IContainer> start(const mydocker::ContainerSpec&) override {
    throw mydocker::Error("null isolator cannot start anything");
  }
};
[[maybe_unused]] mydocker::IIsolator* make(mydocker::IHost&) { return new NullIsolator; }
[[maybe_unused]] mydocker::IIsolator* make_throwing(mydocker::IHost&) {
  throw std::runtime_error("factory exploded");
}
}  // namespace

#if defined(BAD_ABI)
MYDOCKER_PLUGIN_EXPORT mydocker::PluginDescriptor mydocker_plugin_descriptor = {
    999, mydocker::PluginKind::isolator, "badabi", "1", MYDOCKER_CXX_ABI_STRING, nullptr, make};
#elif defined(WRONG_NAME)
MYDOCKER_ISOLATOR_PLUGIN("somethingelse", "1", make);
#elif defined(THROWING_FACTORY)
MYDOCKER_ISOLATOR_PLUGIN("throws", "1", make_throwing);
#elif defined(MISSING_SYMBOL)
// Linked without --no-undefined: loading it with RTLD_NOW fails on the missing function.
extern "C" void mydocker_test_function_nobody_defines();
namespace {
mydocker::IIsolator* make_missing(mydocker::IHost&) {
  mydocker_test_function_nobody_defines();
  return nullptr;
}
}  // namespace
MYDOCKER_ISOLATOR_PLUGIN("missingsym", "1", make_missing);
#elif defined(NOT_A_PLUGIN)
extern "C" {
__attribute__((visibility("default"))) int not_a_plugin = 1;
}
#endif
