#pragma once

// `kioskctl catalog ...`: validate, list and search a catalog.

#include <string>
#include <vector>

namespace kiosk::ctl {

int CatalogValidate(const std::string& dir);
// args: what follows "catalog"; config_dir holds catalog/ and search/.
int CatalogCommand(const std::vector<std::string>& args, const std::string& config_dir);

}  // namespace kiosk::ctl
