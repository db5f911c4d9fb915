// The failures and version changes the command line scripted, counted down as requests arrive.
#include "fault_plan.hpp"

namespace bmx::devserver {

FaultPlan::FaultPlan(const DevserverOptions& options)
    : request_failures_left_(options.fail_requests),
      image_failures_left_(options.fail_images),
      options_(options) {}

bool FaultPlan::take_request_failure() {
  std::lock_guard lock(mutex_);
  if (request_failures_left_ == 0) return false;
  --request_failures_left_;
  return true;
}

bool FaultPlan::take_image_failure() {
  std::lock_guard lock(mutex_);
  if (image_failures_left_ == 0) return false;
  --image_failures_left_;
  return true;
}

std::optional<int> FaultPlan::take_image_refusal() {
  const auto& refusal = options_.refuse_images_after;
  if (!refusal) return std::nullopt;
  std::lock_guard lock(mutex_);
  if (image_posts_ < refusal->after_posts) {
    ++image_posts_;
    return std::nullopt;
  }
  return refusal->status;
}

std::string FaultPlan::version_for_next_report() {
  std::lock_guard lock(mutex_);
  ++version_reports_;
  const auto& change = options_.version_after;
  if (change && version_reports_ > change->after_requests) return change->version;
  return options_.version;
}

}  // namespace bmx::devserver
