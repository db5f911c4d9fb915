# Run by ctest after doctest's discovered tests are defined: gives the ctest label ${suite} to
# each test case of ${suite_executable} in the doctest suite of that name.
if(NOT EXISTS "${suite_executable}")
  return()  # not built in this build directory (the TSan build builds only what it runs)
endif()
execute_process(COMMAND "${suite_executable}" "--test-suite=${suite}" --list-test-cases
  OUTPUT_VARIABLE listed RESULT_VARIABLE failed)
if(failed)
  message(FATAL_ERROR "${suite_executable} --list-test-cases failed: ${failed}")
endif()
string(REPLACE ";" "\\;" listed "${listed}")
string(REPLACE "\n" ";" lines "${listed}")
foreach(name IN LISTS lines)
  if(name STREQUAL "" OR name MATCHES "^\\[doctest\\] " OR name MATCHES "^=+$")
    continue()
  endif()
  set_tests_properties("${suite_prefix}${name}" PROPERTIES LABELS "${suite}")
endforeach()
