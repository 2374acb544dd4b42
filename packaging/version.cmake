# SPDX-License-Identifier: GPL-3.0-or-later
# The package's version: the project's version at a release (a tag vX.Y.Z on the commit built),
# otherwise a snapshot named after the commit, ordered as Debian orders versions:
#   after tag v0.1.0, 5 commits on:  0.1.0+git5.g1f25725
#   before any release tag:          0.1.0~git161.g1f25725 (sorts before 0.1.0)
# A tree with uncommitted changes adds ".dirty"; outside git the project's version is used.
# pluvia_package_version(<out> <project version> <source dir>)
function(pluvia_package_version out project_version source_dir)
    set(version ${project_version})
    find_program(git_program git)
    if(git_program AND EXISTS ${source_dir}/.git)
        execute_process(COMMAND ${git_program} describe --tags --match "v[0-9]*" --long --dirty
            WORKING_DIRECTORY ${source_dir} OUTPUT_VARIABLE described
            RESULT_VARIABLE described_result OUTPUT_STRIP_TRAILING_WHITESPACE ERROR_QUIET)
        if(described_result EQUAL 0
           AND described MATCHES "^v([0-9.]+)-([0-9]+)-(g[0-9a-f]+)(-dirty)?$")
            set(tag ${CMAKE_MATCH_1})
            set(ahead ${CMAKE_MATCH_2})
            set(commit ${CMAKE_MATCH_3})
            set(dirty ${CMAKE_MATCH_4})
            if(ahead EQUAL 0)
                set(version ${tag})
            else()
                set(version "${tag}+git${ahead}.${commit}")
            endif()
        else()
            execute_process(COMMAND ${git_program} rev-list --count HEAD
                WORKING_DIRECTORY ${source_dir} OUTPUT_VARIABLE count
                OUTPUT_STRIP_TRAILING_WHITESPACE ERROR_QUIET)
            execute_process(COMMAND ${git_program} describe --always --abbrev=7 --dirty
                WORKING_DIRECTORY ${source_dir} OUTPUT_VARIABLE commit
                OUTPUT_STRIP_TRAILING_WHITESPACE ERROR_QUIET)
            if(commit MATCHES "^([0-9a-f]+)(-dirty)?$")
                set(version "${project_version}~git${count}.g${CMAKE_MATCH_1}")
                set(dirty ${CMAKE_MATCH_2})
            endif()
        endif()
        if(dirty)
            set(version "${version}.dirty")
        endif()
    endif()
    set(${out} ${version} PARENT_SCOPE)
endfunction()
