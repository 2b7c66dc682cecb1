# Compiler flags of a fuzz build (MYDOCKER_FUZZ=ON): everything compiled from here on carries
# libFuzzer's coverage instrumentation, AddressSanitizer and UndefinedBehaviorSanitizer. UB
# aborts instead of printing and going on, so the fuzzer sees it as a crash.
if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
  message(FATAL_ERROR "MYDOCKER_FUZZ needs clang (CC=clang CXX=clang++); see docs/fuzzing.md")
endif()
set(MYDOCKER_SANITIZERS -fsanitize=address,undefined -fno-sanitize-recover=all)
# _GLIBCXX_ASSERTIONS: an out-of-range operator[] or an empty optional dereferenced aborts too.
add_compile_options(-fsanitize=fuzzer-no-link ${MYDOCKER_SANITIZERS} -fno-omit-frame-pointer)
add_compile_definitions(_GLIBCXX_ASSERTIONS)
add_link_options(${MYDOCKER_SANITIZERS})
