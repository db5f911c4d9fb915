// An upload's processing time (the real server writes the file and makes the thumbnail before it numbers the image), spent outside the catalog's lock.
#include "processing_delay.hpp"

#include <cstdint>
#include <thread>

namespace bmx::devserver {

ProcessingDelay::ProcessingDelay(const DevserverOptions& options)
    : options_(options), jitter_(options.seed) {}

std::chrono::milliseconds ProcessingDelay::begin_locked(const std::string& filename) {
  ++counts_.started;
  ++counts_.in_processing;
  long total = options_.processing_delay_ms;
  if (options_.processing_jitter_ms > 0) {
    total += static_cast<long>(jitter_() % (static_cast<std::uint32_t>(options_.processing_jitter_ms) + 1));
  }
  for (const SlowFilename& slow : options_.slow_filenames) {
    if (slow.filename == filename) total += slow.extra_ms;
  }
  return std::chrono::milliseconds(total);
}

std::chrono::milliseconds ProcessingDelay::spend(const std::string& filename) {
  std::chrono::milliseconds delay{0};
  {
    std::lock_guard lock(mutex_);
    delay = begin_locked(filename);
  }
  changed_.notify_all();

  if (delay.count() > 0) std::this_thread::sleep_for(delay);

  {
    std::lock_guard lock(mutex_);
    --counts_.in_processing;
  }
  changed_.notify_all();
  return delay;
}

ProcessingCounts ProcessingDelay::wait_until_started(long started, std::chrono::milliseconds timeout) {
  std::unique_lock lock(mutex_);
  changed_.wait_for(lock, timeout, [&] { return counts_.started >= started; });
  return counts_;
}

}  // namespace bmx::devserver
