// An upload's processing time (the real server writes the file and makes the thumbnail before it numbers the image), spent outside the catalog's lock.
#pragma once

#include "devserver_options.hpp"

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <random>
#include <string>

namespace bmx::devserver {

struct ProcessingCounts {
  long started = 0;        // Uploads that have begun processing since the server started.
  long in_processing = 0;  // Of those, the ones still processing.
};

class ProcessingDelay {
 public:
  explicit ProcessingDelay(const DevserverOptions& options);

  // Blocks for this upload's processing time and returns how long that was:
  // --processing-delay-ms, plus the next jitter draw, plus any --slow-filename time.
  std::chrono::milliseconds spend(const std::string& filename);

  // Waits (up to `timeout`) until at least `started` uploads have begun processing,
  // so a test can order its requests by events instead of sleeping.
  ProcessingCounts wait_until_started(long started, std::chrono::milliseconds timeout);

 private:
  std::chrono::milliseconds begin_locked(const std::string& filename);

  const DevserverOptions& options_;
  std::mutex mutex_;
  std::condition_variable changed_;
  // mt19937's sequence is fixed by the standard, so a seed means the same draws everywhere.
  std::mt19937 jitter_;
  ProcessingCounts counts_;
};

}  // namespace bmx::devserver
