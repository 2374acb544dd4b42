# SPDX-License-Identifier: GPL-3.0-or-later
# test_translations_current: fails when translations/*.ts differ from what lupdate makes of the
# current sources (a string added, changed or removed without running the update_translations
# target) or when a message is still unfinished. lupdate runs on copies; the originals are read
# only.
# Inputs: LUPDATE, GENERATOR_SCRIPT (Qt's GenerateLUpdateProject.cmake), PROJECT_IN (the .cmake
# description qt_add_translations generated), TS_DIR, WORK_DIR.
file(GLOB ts_files "${TS_DIR}/*.ts")
if(NOT ts_files)
    message(FATAL_ERROR "no .ts files in ${TS_DIR}")
endif()
file(REMOVE_RECURSE "${WORK_DIR}")
file(MAKE_DIRECTORY "${WORK_DIR}")
execute_process(COMMAND "${CMAKE_COMMAND}" -DIN_FILE=${PROJECT_IN}
    -DOUT_FILE=${WORK_DIR}/project.json -P "${GENERATOR_SCRIPT}" RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
    message(FATAL_ERROR "cannot write the lupdate project from ${PROJECT_IN}")
endif()
set(copies)
foreach(ts IN LISTS ts_files)
    get_filename_component(name "${ts}" NAME)
    file(COPY_FILE "${ts}" "${WORK_DIR}/${name}")
    list(APPEND copies "${WORK_DIR}/${name}")
endforeach()
execute_process(COMMAND "${LUPDATE}" -project "${WORK_DIR}/project.json" -no-obsolete
    -locations none -ts ${copies} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE out)
message("${out}")
if(NOT rc EQUAL 0)
    message(FATAL_ERROR "lupdate failed")
endif()
set(problems 0)
foreach(ts IN LISTS ts_files)
    get_filename_component(name "${ts}" NAME)
    execute_process(COMMAND "${CMAKE_COMMAND}" -E compare_files "${ts}" "${WORK_DIR}/${name}"
        RESULT_VARIABLE differs)
    if(differs)
        message(SEND_ERROR "${ts}: out of date with the sources (see lupdate's counts above); "
            "run `cmake --build build --target update_translations` and translate what is new")
        math(EXPR problems "${problems} + 1")
    endif()
    file(STRINGS "${ts}" unfinished REGEX "type=\"unfinished\"")
    list(LENGTH unfinished count)
    if(count GREATER 0)
        message(SEND_ERROR "${ts}: ${count} unfinished translation(s)")
        math(EXPR problems "${problems} + 1")
    endif()
endforeach()
if(problems EQUAL 0)
    message("every .ts file is current and complete")
endif()
