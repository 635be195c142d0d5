#pragma once

// A few idle libcurl easy handles for one region. A handle owns its
// connection cache, so handing the same handle to the next call reuses the
// keep-alive connection (and skips a TLS handshake). A call takes a handle
// for its whole transfer, so two threads never share one; when none is
// idle a new one is made, and at most `max_idle` are kept afterwards.

#include <curl/curl.h>

#include <cstddef>
#include <memory>
#include <mutex>
#include <vector>

namespace kiosk {

class CurlHandlePool {
 public:
  struct Deleter {
    void operator()(CURL* handle) const { curl_easy_cleanup(handle); }
  };
  using Handle = std::unique_ptr<CURL, Deleter>;

  explicit CurlHandlePool(std::size_t max_idle = 2) : max_idle_(max_idle) {}

  // An idle handle, or a new one; null only if libcurl cannot allocate.
  Handle Take();
  // Returns a handle after its transfer. Its options are reset so an idle
  // handle keeps no pointer into the finished call's buffers.
  void Give(Handle handle);

 private:
  const std::size_t max_idle_;
  std::mutex mutex_;
  std::vector<Handle> idle_;
};

}  // namespace kiosk
