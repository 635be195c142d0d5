#pragma once

// The answer to the insurance_record query (参保基本信息查询).

#include <nlohmann/json.hpp>
#include <string>

#include "central/citizen_directory.h"
#include "central/time_format.h"

namespace kiosk::central {

// {"region","region_name","as_of","citizen":{...},"insurances":[...]};
// `insurances` are the citizen's records in `region`.
nlohmann::json InsuranceRecordJson(const std::string& region, const std::string& region_name,
                                   const Citizen& citizen, const std::vector<Insurance>& insurances,
                                   Clock::time_point now);

}  // namespace kiosk::central
