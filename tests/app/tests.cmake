# SPDX-License-Identifier: GPL-3.0-or-later
pluvia_add_test(test_architecture SOURCES test_architecture.cpp)

pluvia_add_test(test_cli SOURCES test_cli.cpp)
add_dependencies(test_cli pluvia-cli)
set_property(TEST test_cli APPEND PROPERTY ENVIRONMENT "PLUVIA_CLI=$<TARGET_FILE:pluvia-cli>")

pluvia_add_test(test_cli_reference SOURCES test_cli_reference.cpp)
add_dependencies(test_cli_reference pluvia-cli cli-reference)
set_property(TEST test_cli_reference APPEND PROPERTY ENVIRONMENT
    "PLUVIA_CLI=$<TARGET_FILE:pluvia-cli>;PLUVIA_REFERENCE=${CMAKE_BINARY_DIR}/reference")

pluvia_add_test(test_main_window SOURCES test_main_window.cpp LIBS pluvia_gui)

pluvia_add_test(test_cli_training SOURCES test_cli_training.cpp)
add_dependencies(test_cli_training pluvia-cli)
set_property(TEST test_cli_training APPEND PROPERTY ENVIRONMENT "PLUVIA_CLI=$<TARGET_FILE:pluvia-cli>")

pluvia_add_test(test_cli_tsne SOURCES test_cli_tsne.cpp)
add_dependencies(test_cli_tsne pluvia-cli)
set_property(TEST test_cli_tsne APPEND PROPERTY ENVIRONMENT "PLUVIA_CLI=$<TARGET_FILE:pluvia-cli>")

pluvia_add_test(test_translations SOURCES test_translations.cpp LIBS pluvia_gui)

add_test(NAME test_translations_current COMMAND "${CMAKE_COMMAND}"
    -DLUPDATE=$<TARGET_FILE:Qt6::lupdate>
    -DGENERATOR_SCRIPT=${_Qt6_LINGUIST_TOOLS_DIR}/GenerateLUpdateProject.cmake
    -DPROJECT_IN=${CMAKE_BINARY_DIR}/app/.lupdate/pluvia_gui_project.cmake
    -DTS_DIR=${PROJECT_SOURCE_DIR}/translations
    -DWORK_DIR=${CMAKE_CURRENT_BINARY_DIR}/translations_current
    -P ${CMAKE_CURRENT_LIST_DIR}/translations_current.cmake)
