# SPDX-License-Identifier: GPL-3.0-or-later
# Settings shared by every Pluvia target. Nothing here is global: targets opt in through the
# functions below, so each module's CMakeLists says what it uses.
include_guard(GLOBAL)

set(CMAKE_CXX_STANDARD 17)
set(CMAKE_CXX_STANDARD_REQUIRED ON)
set(CMAKE_CXX_EXTENSIONS OFF)
set(CMAKE_EXPORT_COMPILE_COMMANDS ON)
# One setting for libraries and executables: Qt requires it, and a precompiled header can only be
# reused by targets compiled with the same -fPIC/-fPIE choice.
set(CMAKE_POSITION_INDEPENDENT_CODE ON)

# ccache when present. PCH need the sloppiness settings, or every PCH user misses the cache.
find_program(PLUVIA_CCACHE ccache)
if(PLUVIA_CCACHE AND NOT CMAKE_CXX_COMPILER_LAUNCHER)
    set(CMAKE_CXX_COMPILER_LAUNCHER
        ${CMAKE_COMMAND} -E env
        "CCACHE_SLOPPINESS=pch_defines,time_macros,include_file_mtime,include_file_ctime"
        ${PLUVIA_CCACHE})
endif()

# Warnings every Pluvia target builds with.
function(pluvia_target_warnings target)
    target_compile_options(${target} PRIVATE -Wall -Wextra -Wno-unused-parameter)
endfunction()

# Every Qt target: QT_NO_KEYWORDS is mandatory (Qt's `slots` macro breaks LibTorch headers).
function(pluvia_qt_target target)
    pluvia_target_warnings(${target})
    target_compile_definitions(${target} PRIVATE QT_NO_KEYWORDS QT_NO_FOREACH
                               QT_USE_QSTRINGBUILDER)
endfunction()

# Widgets and app additionally route every visible string through tr().
function(pluvia_ui_target target)
    pluvia_qt_target(${target})
    target_compile_definitions(${target} PRIVATE QT_NO_CAST_FROM_ASCII)
endfunction()
