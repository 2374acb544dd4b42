# SPDX-License-Identifier: GPL-3.0-or-later
# Writes the package's Debian changelog (usr/share/doc/pluvia/changelog.gz, which Debian asks
# of every package) at install time, for the version being installed. Run by install(CODE)
# with PLUVIA_SOURCE_DIR, PLUVIA_PROJECT_VERSION and PLUVIA_MAINTAINER set.
include(${PLUVIA_SOURCE_DIR}/packaging/version.cmake)
pluvia_package_version(version ${PLUVIA_PROJECT_VERSION} ${PLUVIA_SOURCE_DIR})

# The entry's date and text: the commit built (reproducible), else SOURCE_DATE_EPOCH or now.
set(date "")
set(subject "")
find_program(git_program git)
if(git_program AND EXISTS ${PLUVIA_SOURCE_DIR}/.git)
    execute_process(COMMAND ${git_program} log -1 --format=%aD
        WORKING_DIRECTORY ${PLUVIA_SOURCE_DIR} OUTPUT_VARIABLE date
        OUTPUT_STRIP_TRAILING_WHITESPACE ERROR_QUIET)
    execute_process(COMMAND ${git_program} log -1 --format=%h
        WORKING_DIRECTORY ${PLUVIA_SOURCE_DIR} OUTPUT_VARIABLE subject
        OUTPUT_STRIP_TRAILING_WHITESPACE ERROR_QUIET)
endif()
if(date STREQUAL "")
    string(TIMESTAMP date "%a, %d %b %Y %H:%M:%S +0000" UTC)
endif()
if(subject STREQUAL "")
    set(entry "Built from a source tree outside git.")
else()
    set(entry "Built from commit ${subject}; the history is in the project's repository.")
endif()

set(folder "$ENV{DESTDIR}${CMAKE_INSTALL_PREFIX}/share/doc/pluvia")
file(MAKE_DIRECTORY ${folder})
file(WRITE ${folder}/changelog
    "pluvia (${version}) unstable; urgency=medium\n\n  * ${entry}\n\n"
    " -- ${PLUVIA_MAINTAINER}  ${date}\n")
execute_process(COMMAND gzip -9nf ${folder}/changelog RESULT_VARIABLE gzipped)
if(NOT gzipped EQUAL 0)
    message(FATAL_ERROR "cannot compress ${folder}/changelog")
endif()
