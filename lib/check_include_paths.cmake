# Fails when a file in lib/ includes a path with "..": "../upload/x.hpp" or "http/../upload/x.hpp"
# would reach another layer's folder around the include roots that keep layers apart.
# cmake -DLIB_DIR=<lib> -P check_include_paths.cmake
file(GLOB_RECURSE files ${LIB_DIR}/*.cpp ${LIB_DIR}/*.hpp ${LIB_DIR}/*.h ${LIB_DIR}/*.c)
set(found "")
foreach(file IN LISTS files)
  file(STRINGS ${file} lines REGEX "^[ \t]*#[ \t]*include[ \t]*[\"<][^\">]*[.][.]")
  foreach(line IN LISTS lines)
    string(APPEND found "\n  ${file}: ${line}")
  endforeach()
endforeach()
if(found)
  message(FATAL_ERROR "includes must not use '..' (include another layer as \"layer/file.hpp\", "
                      "and link that layer in CMake if this layer may use it):${found}")
endif()
