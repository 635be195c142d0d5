#pragma once

// A scripted central service for unit tests: answers queries from a map
// (or with a queued error), records every submission, and can be told to
// fail the next N submissions.

#include <deque>
#include <map>
#include <mutex>
#include <set>
#include <string>
#include <vector>

#include "kiosk/core/central/central_client.h"

namespace kiosk::testing {

class FakeCentralClient final : public CentralClient {
 public:
  struct Submitted {
    std::string region;
    std::string key;
    std::string body;
  };

  void SetQueryAnswer(const std::string& query, nlohmann::json answer) {
    std::lock_guard lock(mutex_);
    answers_[query] = std::move(answer);
  }
  void FailNextQuery(Error error) {
    std::lock_guard lock(mutex_);
    query_errors_.push_back(std::move(error));
  }
  void FailNextSubmit(Error error) {
    std::lock_guard lock(mutex_);
    submit_errors_.push_back(std::move(error));
  }

  Result<nlohmann::json> Query(const std::string& region, const std::string& query,
                               const nlohmann::json& request) override {
    std::lock_guard lock(mutex_);
    queries_.push_back({region, query, request});
    if (!query_errors_.empty()) {
      Error error = query_errors_.front();
      query_errors_.pop_front();
      return std::unexpected(error);
    }
    auto found = answers_.find(query);
    if (found == answers_.end()) {
      return std::unexpected(
          Error(ErrorCode::kServerRejected, "HTTP 404 unknown_query", "unknown_query"));
    }
    return found->second;
  }

  Result<SubmitResponse> Submit(const std::string& region, const std::string& key,
                                const std::string& body) override {
    std::lock_guard lock(mutex_);
    if (!submit_errors_.empty()) {
      Error error = submit_errors_.front();
      submit_errors_.pop_front();
      return std::unexpected(error);
    }
    bool replayed = !keys_.insert(region + "/" + key).second;
    if (!replayed) submitted_.push_back({region, key, body});
    return SubmitResponse{replayed ? 200 : 201, region + "-T" + std::to_string(submitted_.size()),
                          replayed};
  }

  // Healthy unless a failure was queued with FailNextHealthCheck.
  Result<void> CheckHealth(const std::string& /*region*/) override {
    std::lock_guard lock(mutex_);
    if (!health_errors_.empty()) {
      Error error = health_errors_.front();
      health_errors_.pop_front();
      return std::unexpected(error);
    }
    return {};
  }
  void FailNextHealthCheck(Error error) {
    std::lock_guard lock(mutex_);
    health_errors_.push_back(std::move(error));
  }

  struct QueryCall {
    std::string region;
    std::string query;
    nlohmann::json request;
  };
  std::vector<QueryCall> Queries() {
    std::lock_guard lock(mutex_);
    return queries_;
  }
  std::vector<Submitted> Submissions() {
    std::lock_guard lock(mutex_);
    return submitted_;
  }

 private:
  std::mutex mutex_;
  std::map<std::string, nlohmann::json> answers_;
  std::deque<Error> query_errors_;
  std::deque<Error> submit_errors_;
  std::deque<Error> health_errors_;
  std::vector<QueryCall> queries_;
  std::vector<Submitted> submitted_;
  std::set<std::string> keys_;
};

}  // namespace kiosk::testing
