#include "central/api_response.h"

namespace kiosk::central {

std::string DumpJson(const nlohmann::json& body) {
  return body.dump(-1, ' ', /*ensure_ascii=*/false, nlohmann::json::error_handler_t::replace);
}

ApiResponse JsonResponse(int status, const nlohmann::json& body) {
  return ApiResponse{status, DumpJson(body), {}, "application/json; charset=utf-8"};
}

ApiResponse HtmlResponse(int status, std::string html) {
  return ApiResponse{status, std::move(html), {}, "text/html; charset=utf-8"};
}

ApiResponse ErrorResponse(int status, std::string_view code, std::string_view message) {
  nlohmann::json body;
  body["error"] = {{"code", code}, {"message", message}};
  return JsonResponse(status, body);
}

}  // namespace kiosk::central
