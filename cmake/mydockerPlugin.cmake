# mydocker_add_plugin(TARGET KIND NAME SOURCES...)
#
# Builds a mydocker plugin: one shared object named KIND-NAME.so (KIND is source or isolator),
# loaded by `mydocker --plugin-dir DIR` or from the plugin directory of an installation. The
# in-tree plugins and third-party ones build with this same function: from the source tree it
# is included by the top-level CMakeLists.txt, from an installation by find_package(mydocker).
function(mydocker_add_plugin target kind name)
  if(NOT kind STREQUAL "source" AND NOT kind STREQUAL "isolator")
    message(FATAL_ERROR "mydocker_add_plugin: KIND must be source or isolator, not ${kind}")
  endif()
  add_library(${target} MODULE ${ARGN})
  target_link_libraries(${target} PRIVATE mydocker::sdk)
  target_compile_features(${target} PRIVATE cxx_std_20)
  set_target_properties(${target} PROPERTIES
    PREFIX "" OUTPUT_NAME "${kind}-${name}"
    # Only the descriptor is exported; everything else stays inside the plugin.
    CXX_VISIBILITY_PRESET hidden VISIBILITY_INLINES_HIDDEN ON)
  # A missing symbol is a link error here, not a refused plugin at run time.
  target_link_options(${target} PRIVATE -Wl,--no-undefined)
endfunction()
