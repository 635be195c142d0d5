#pragma once

// What an API handler answers, independent of the HTTP library, so the
// handlers are plain functions that tests can also call directly.

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace kiosk::central {

struct ApiResponse {
  int status = 200;
  std::string body;  // JSON text, or HTML for a page.
  std::vector<std::pair<std::string, std::string>> headers;
  std::string content_type = "application/json; charset=utf-8";
};

// Serialises `body`. Invalid UTF-8 (say, from a percent-encoded path
// segment echoed in a message) is replaced rather than thrown.
std::string DumpJson(const nlohmann::json& body);

ApiResponse JsonResponse(int status, const nlohmann::json& body);

// A page for people (the fleet page), UTF-8.
ApiResponse HtmlResponse(int status, std::string html);

// Every error has the body {"error":{"code":"snake_case","message":"..."}}.
ApiResponse ErrorResponse(int status, std::string_view code, std::string_view message);

}  // namespace kiosk::central
