#include "kiosk/core/util/task_runner.h"

#include <utility>

namespace kiosk {

TaskRunner::TaskRunner(std::function<void()> wake) : wake_(std::move(wake)) {
  worker_ = std::thread([this] { WorkerLoop(); });
}

TaskRunner::~TaskRunner() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  work_available_.notify_all();
  worker_.join();
}

void TaskRunner::SetWake(std::function<void()> wake) {
  std::lock_guard lock(mutex_);
  wake_ = std::move(wake);
}

void TaskRunner::Post(std::function<std::function<void()>()> work) {
  {
    std::lock_guard lock(mutex_);
    work_.push_back(std::move(work));
  }
  work_available_.notify_one();
}

void TaskRunner::PostCompletion(std::function<void()> completion) {
  std::function<void()> wake;
  {
    std::lock_guard lock(mutex_);
    completions_.push_back(std::move(completion));
    wake = wake_;
  }
  if (wake) wake();
}

int TaskRunner::RunCompletions() {
  std::deque<std::function<void()>> ready;
  {
    std::lock_guard lock(mutex_);
    ready.swap(completions_);
  }
  for (auto& completion : ready) completion();
  return static_cast<int>(ready.size());
}

void TaskRunner::WaitIdle() {
  std::unique_lock lock(mutex_);
  idle_.wait(lock, [this] { return work_.empty() && !busy_; });
}

void TaskRunner::WorkerLoop() {
  std::unique_lock lock(mutex_);
  while (true) {
    work_available_.wait(lock, [this] { return stopping_ || !work_.empty(); });
    if (stopping_ && work_.empty()) return;
    auto work = std::move(work_.front());
    work_.pop_front();
    busy_ = true;
    lock.unlock();
    std::function<void()> completion = work();
    lock.lock();
    if (completion) completions_.push_back(std::move(completion));
    busy_ = false;
    auto wake = wake_;
    lock.unlock();
    if (wake) wake();
    idle_.notify_all();
    lock.lock();
  }
}

}  // namespace kiosk
