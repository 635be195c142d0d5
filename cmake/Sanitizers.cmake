# Build type "Asan": AddressSanitizer + UndefinedBehaviorSanitizer, any
# finding aborts the process so a test cannot pass over it. -O0: GCC
# compiles our template-heavy code 2-3x faster than at -O1, which is most of
# the CI's time; the tests run a little slower. The optimiser's warnings are
# the release build's job (scripts/test.sh builds it too).
set(_kiosk_san_flags "-O0 -g -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=all")
set(CMAKE_CXX_FLAGS_ASAN "${_kiosk_san_flags}" CACHE STRING "C++ flags for the Asan build type" FORCE)
set(CMAKE_EXE_LINKER_FLAGS_ASAN "-fsanitize=address,undefined" CACHE STRING "" FORCE)
set(CMAKE_SHARED_LINKER_FLAGS_ASAN "-fsanitize=address,undefined" CACHE STRING "" FORCE)
mark_as_advanced(CMAKE_CXX_FLAGS_ASAN CMAKE_EXE_LINKER_FLAGS_ASAN CMAKE_SHARED_LINKER_FLAGS_ASAN)
