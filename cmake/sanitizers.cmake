# MYDOCKER_SANITIZE: every target compiled and linked with AddressSanitizer and
# UndefinedBehaviorSanitizer, the in-tree plugins included. The plugins link with
# -Wl,--no-undefined, so they must link the sanitizer runtimes too; the link options below give
# them that. A target sets the MYDOCKER_NO_SANITIZE property to be built without them: the
# static programs that run inside containers (libasan has no -static runtime, and there is no
# host library inside an image). Out-of-tree plugins (examples/) stay uninstrumented: the
# installed SDK carries no flags, and an uninstrumented plugin loads fine into a sanitized
# mydocker (libasan interposes malloc and operator new for every loaded object).
option(MYDOCKER_SANITIZE "Build with -fsanitize=address,undefined (tests run under them)" OFF)

# mydocker_no_sanitize(TARGET...): built without sanitizers even when MYDOCKER_SANITIZE is ON.
function(mydocker_no_sanitize)
  set_target_properties(${ARGN} PROPERTIES MYDOCKER_NO_SANITIZE ON)
endfunction()

if(MYDOCKER_SANITIZE)
  if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
    message(WARNING "MYDOCKER_SANITIZE is tested with g++ only, not ${CMAKE_CXX_COMPILER_ID}")
  endif()
  set(sanitizer_flags -fsanitize=address -fsanitize=undefined -fno-omit-frame-pointer
                      -fno-sanitize-recover=undefined)
  # After the build type's -O2 -g, so these win: g++ compiles the instrumented code at -O2 -g
  # in ~3x the time of the plain build, at -O1 -g1 (line tables: reports still say file:line)
  # in ~1.7x (measured on core/src/image/image_puller.cpp).
  set(sanitizer_compile_flags ${sanitizer_flags} -O1 -g1)
  # Evaluated per target, so mydocker_no_sanitize() can opt a target out after this line.
  set(sanitized "$<NOT:$<BOOL:$<TARGET_PROPERTY:MYDOCKER_NO_SANITIZE>>>")
  add_compile_options("$<${sanitized}:${sanitizer_compile_flags}>")
  add_link_options("$<${sanitized}:${sanitizer_flags}>")
endif()

# The sanitizers' run-time options for every test. halt_on_error: the first report ends the
# process, so no test passes past one. Leak detection stays on for the integration tests too:
# LeakSanitizer runs when mydocker exits, in the host's PID namespace; a container's process
# never gets there (it execs, or leaves with _exit).
set(MYDOCKER_SANITIZER_ENV
  "ASAN_OPTIONS=halt_on_error=1:detect_leaks=1:check_initialization_order=1:strict_init_order=1"
  "UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1")

# mydocker_sanitizer_env(TEST): TEST (an add_test name) runs with the sanitizers' options.
function(mydocker_sanitizer_env test)
  if(MYDOCKER_SANITIZE)
    set_tests_properties(${test} PROPERTIES ENVIRONMENT "${MYDOCKER_SANITIZER_ENV}")
  endif()
endfunction()

# mydocker_sanitizer_gtest_env(TARGET): the tests gtest_discover_tests(TARGET) finds run with
# the sanitizers' options. Its PROPERTIES cannot carry them (CMake 3.25 flattens a list-valued
# ENVIRONMENT there), so a ctest script included after the discovered tests sets them on the
# TARGET_TESTS list the discovery defines.
function(mydocker_sanitizer_gtest_env target)
  if(NOT MYDOCKER_SANITIZE)
    return()
  endif()
  set(script ${CMAKE_CURRENT_BINARY_DIR}/${target}_sanitizer_env.cmake)
  file(WRITE ${script} "if(${target}_TESTS)\n"
    "  set_tests_properties(\${${target}_TESTS} PROPERTIES ENVIRONMENT\n"
    "    \"${MYDOCKER_SANITIZER_ENV}\")\n"
    "endif()\n")
  set_property(DIRECTORY APPEND PROPERTY TEST_INCLUDE_FILES ${script})
endfunction()
