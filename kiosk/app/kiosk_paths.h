#pragma once

// Compile-time defaults, set by kiosk/app/CMakeLists.txt.
#ifndef KIOSK_DEFAULT_CONFIG_DIR
#error "KIOSK_DEFAULT_CONFIG_DIR must be defined by the build"
#endif
#ifndef KIOSK_VERSION
#error "KIOSK_VERSION must be defined by the build"
#endif
