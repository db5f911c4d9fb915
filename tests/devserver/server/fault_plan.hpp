// The failures and version changes the command line scripted, counted down as requests arrive.
#pragma once

#include "devserver_options.hpp"

#include <mutex>
#include <optional>
#include <string>

namespace bmx::devserver {

class FaultPlan {
 public:
  explicit FaultPlan(const DevserverOptions& options);

  // True while the first --fail-requests API requests are still being failed.
  bool take_request_failure();
  // True while the first --fail-images image POSTs are still being failed.
  bool take_image_failure();
  // Counts this image POST; the status to refuse it with once --refuse-images-after's first
  // N have arrived, else nothing.
  std::optional<int> take_image_refusal();
  // The version /health/version reports to this request (honours --version-after).
  std::string version_for_next_report();

 private:
  std::mutex mutex_;
  int request_failures_left_;
  int image_failures_left_;
  int version_reports_ = 0;
  int image_posts_ = 0;
  const DevserverOptions& options_;
};

}  // namespace bmx::devserver
