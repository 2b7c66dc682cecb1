# cmake -DSOURCE_DIR=… -DOUT=…/git_commit.hpp -P git_commit.cmake
# Run at every build: writes the commit `mydocker version` reports ("" when the source is not a
# git checkout or git is missing, "-dirty" appended when the tree has changes). The header is
# rewritten only when that changed, so an unchanged tree recompiles nothing.
find_program(GIT git)
set(commit "")
if(GIT)
  execute_process(COMMAND ${GIT} -C ${SOURCE_DIR} describe --always --dirty --abbrev=12
    --exclude=* OUTPUT_VARIABLE commit OUTPUT_STRIP_TRAILING_WHITESPACE ERROR_QUIET
    RESULT_VARIABLE failed)
  if(failed)
    set(commit "")
  endif()
endif()
file(WRITE ${OUT}.new "#define MYDOCKER_GIT_COMMIT \"${commit}\"\n")
configure_file(${OUT}.new ${OUT} COPYONLY)
