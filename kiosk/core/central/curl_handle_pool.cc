#include "kiosk/core/central/curl_handle_pool.h"

namespace kiosk {

CurlHandlePool::Handle CurlHandlePool::Take() {
  {
    std::lock_guard lock(mutex_);
    if (!idle_.empty()) {
      Handle handle = std::move(idle_.back());
      idle_.pop_back();
      return handle;
    }
  }
  return Handle(curl_easy_init());
}

void CurlHandlePool::Give(Handle handle) {
  if (!handle) return;
  // curl_easy_reset keeps live connections and the TLS session cache.
  curl_easy_reset(handle.get());
  {
    std::lock_guard lock(mutex_);
    if (idle_.size() < max_idle_) {
      idle_.push_back(std::move(handle));
      return;
    }
  }
  // Enough idle handles already: this one (and its connection) closes here,
  // outside the lock.
}

}  // namespace kiosk
