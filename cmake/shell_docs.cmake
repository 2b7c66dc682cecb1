# Shell completion scripts and man pages, made at build time by the built mydocker from its own
# command tree and help, and installed with it where bash-completion, zsh, fish and man look.
set(completions ${CMAKE_BINARY_DIR}/share/completions)
add_custom_command(
  OUTPUT ${completions}/mydocker ${completions}/_mydocker ${completions}/mydocker.fish
  COMMAND ${CMAKE_COMMAND} -E make_directory ${completions}
  COMMAND sh -c "\"$1\" completion bash >\"$2\"/mydocker && \"$1\" completion zsh >\"$2\"/_mydocker \
&& \"$1\" completion fish >\"$2\"/mydocker.fish" sh $<TARGET_FILE:mydocker> ${completions}
  DEPENDS mydocker VERBATIM)
add_custom_target(mydocker_completions ALL
  DEPENDS ${completions}/mydocker ${completions}/_mydocker ${completions}/mydocker.fish)
install(FILES ${completions}/mydocker DESTINATION ${CMAKE_INSTALL_DATADIR}/bash-completion/completions)
install(FILES ${completions}/_mydocker DESTINATION ${CMAKE_INSTALL_DATADIR}/zsh/site-functions)
install(FILES ${completions}/mydocker.fish
  DESTINATION ${CMAKE_INSTALL_DATADIR}/fish/vendor_completions.d)

find_program(HELP2MAN help2man)
if(HELP2MAN)
  set(man_dir ${CMAKE_BINARY_DIR}/share/man1)
  add_custom_command(OUTPUT ${man_dir}/mydocker.1
    COMMAND ${PROJECT_SOURCE_DIR}/cmake/man_pages.sh $<TARGET_FILE:mydocker> ${man_dir}
            ${PROJECT_VERSION}
    DEPENDS mydocker ${PROJECT_SOURCE_DIR}/cmake/man_pages.sh VERBATIM)
  add_custom_target(mydocker_man_pages ALL DEPENDS ${man_dir}/mydocker.1)
  # A directory: the pages are one per subcommand, whichever the binary has.
  install(DIRECTORY ${man_dir}/ DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
else()
  message(STATUS "help2man not found: no man pages (scripts/install-deps.sh installs it)")
endif()
