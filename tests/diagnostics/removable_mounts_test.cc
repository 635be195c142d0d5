// Finding USB drives in a mounts file shaped like /proc/mounts.

#include "kiosk/core/diagnostics/removable_mounts.h"

#include <catch2/catch.hpp>
#include <fstream>

#include "tests/support/temp_dir.h"

namespace kiosk {

TEST_CASE("drives mounted under /media and /run/media are found", "[diagnostics][mounts]") {
  testing::TempDir dir("kiosk-mounts");
  const std::string mounts = dir.File("mounts");
  std::ofstream(mounts)
      << "/dev/sda1 / ext4 rw,relatime 0 0\n"
         "proc /proc proc rw,nosuid 0 0\n"
         "/dev/sdb1 /media/kiosk/KINGSTON\\040USB vfat rw,nosuid,nodev,uid=1000 0 0\n"
         "/dev/sdc1 /run/media/admin/DATA exfat rw,nosuid 0 0\n"
         "/dev/sdd1 /media/kiosk/LOCKED vfat ro,nosuid 0 0\n"
         "tmpfs /media/kiosk/ram tmpfs rw 0 0\n"
         "/dev/sde1 /media ext4 rw 0 0\n"
         "/dev/sdf1 /mediafoo/stick vfat rw 0 0\n"
         "/dev/sdg1 /media/kiosk/WIN fuseblk rw,user_id=0 0 0\n"
         "/dev/sdh1 /media/kiosk/NEWWIN ntfs3 rw 0 0\n"
         "/dev/sdi1 /media/kiosk/LINUX ext4 rw 0 0\n"
         "a broken line\n";
  CHECK(RemovableMounts(mounts) ==
        std::vector<std::string>{"/media/kiosk/KINGSTON USB", "/run/media/admin/DATA",
                                 "/media/kiosk/WIN", "/media/kiosk/NEWWIN", "/media/kiosk/LINUX"});
  CHECK(RemovableMounts(mounts, "/mediafoo") ==
        std::vector<std::string>{"/run/media/admin/DATA", "/mediafoo/stick"});
}

TEST_CASE("no mounts file, no drives", "[diagnostics][mounts]") {
  testing::TempDir dir("kiosk-mounts");
  CHECK(RemovableMounts(dir.File("absent")).empty());
}

}  // namespace kiosk
