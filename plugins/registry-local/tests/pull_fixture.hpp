// What the docker-archive and OCI layout tests start from: a LocalSource, and a temp dir to
// write the archives and layouts it reads into.
#pragma once

#include <gtest/gtest.h>

#include <string>

#include "local_source.hpp"
#include "test_support.hpp"

namespace mydocker::local::test {

class PullFixture : public ::testing::Test {
 protected:
  // The message pulling `ref` fails with.
  std::string error(const std::string& ref) {
    return error_of([&] { pull(source, ref); });
  }

  TempDir dir;
  TestHost host;
  LocalSource source{host};
};

}  // namespace mydocker::local::test
