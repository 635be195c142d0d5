# Warnings are errors in every target of ours; third-party headers are
# included as SYSTEM so their warnings do not stop our build.
function(kiosk_set_warnings target)
  target_compile_options(${target} PRIVATE
    -Wall -Wextra -Wpedantic -Werror
    -Wshadow -Wnon-virtual-dtor -Wold-style-cast -Wcast-align
    -Woverloaded-virtual -Wnull-dereference -Wformat=2
    -Wimplicit-fallthrough -Wmisleading-indentation)
endfunction()
