#pragma once

// Runs slow work (network calls, printing) off the UI thread and hands the
// results back to it. Work runs on one background thread in order; each
// job's completion is queued and executed by whoever calls RunCompletions()
// (the session's owner, on the UI thread), so session state is only ever
// touched from one thread.

#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>

namespace kiosk {

class TaskRunner {
 public:
  // `wake` is called (from any thread) whenever a completion is queued, so
  // an idle UI loop can sleep until there is something to show.
  explicit TaskRunner(std::function<void()> wake = {});
  ~TaskRunner();
  TaskRunner(const TaskRunner&) = delete;
  TaskRunner& operator=(const TaskRunner&) = delete;

  // Runs `work` in the background; its returned completion is later run by
  // RunCompletions() on the owner's thread.
  void Post(std::function<std::function<void()>()> work);

  // Queues a completion directly, from any thread (device events use this).
  void PostCompletion(std::function<void()> completion);

  // Runs every queued completion; returns how many ran.
  int RunCompletions();

  // Blocks until no work is queued or running (tests and shutdown).
  void WaitIdle();

  void SetWake(std::function<void()> wake);

 private:
  void WorkerLoop();

  std::mutex mutex_;
  std::condition_variable work_available_;
  std::condition_variable idle_;
  std::deque<std::function<std::function<void()>()>> work_;
  std::deque<std::function<void()>> completions_;
  std::function<void()> wake_;
  bool busy_ = false;
  bool stopping_ = false;
  std::thread worker_;
};

}  // namespace kiosk
