# `cmake --install build --prefix DIR`: headers, libgpuexec.so and .a, lib/pkgconfig/gpuexec.pc
# and a CMake package (find_package(gpuexec) gives gpuexec::gpuexec, the shared library, and
# gpuexec::gpuexec_static).
include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

set_target_properties(gpuexec PROPERTIES EXPORT_NAME gpuexec_static)
set_target_properties(gpuexec_shared PROPERTIES EXPORT_NAME gpuexec)
install(TARGETS gpuexec gpuexec_shared EXPORT gpuexecTargets
  ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
  LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
  RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR}
  INCLUDES DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(TARGETS gpuexec_cli RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(DIRECTORY include/gpuexec DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}
  FILES_MATCHING PATTERN "*.h" PATTERN "*.hpp")
install(FILES ${CMAKE_BINARY_DIR}/generated/include/gpuexec/version.h
  DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/gpuexec)

install(EXPORT gpuexecTargets NAMESPACE gpuexec:: DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/gpuexec)
configure_package_config_file(cmake/gpuexecConfig.cmake.in
  ${CMAKE_BINARY_DIR}/gpuexecConfig.cmake
  INSTALL_DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/gpuexec)
write_basic_package_version_file(${CMAKE_BINARY_DIR}/gpuexecConfigVersion.cmake
  COMPATIBILITY SameMajorVersion)
install(FILES ${CMAKE_BINARY_DIR}/gpuexecConfig.cmake ${CMAKE_BINARY_DIR}/gpuexecConfigVersion.cmake
  DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/gpuexec)

configure_file(cmake/gpuexec.pc.in ${CMAKE_BINARY_DIR}/gpuexec.pc @ONLY)
install(FILES ${CMAKE_BINARY_DIR}/gpuexec.pc DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig)
