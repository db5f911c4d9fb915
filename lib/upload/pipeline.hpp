// The upload batch: prepare (workers) → learn the book → send → place → record, each phase a
// unit of its own, driven from one libcurl multi loop that runs once; a true final status per file.
#pragma once

#include "core/result.hpp"
#include "env/api_context.hpp"
#include "upload/batch_events.hpp"
#include "upload/upload_options.hpp"

namespace bmx::upload {

// Runs the whole batch into report (statuses in input order, every one final). The error case is
// for problems before any file is touched or anything is sent (a bad URL, no API key).
Status run_upload(const UploadOptions& options, const env::ApiContext& context, const InterruptCount& interrupts,
                  const PipelineEvents& events, BatchReport& report);

// Gives every status that is not final the error (stage internal after an unexpected exception),
// marks stored files whose place was never confirmed as not placed, and records the error as the
// batch's end, so that a report can always be printed whole.
void close_batch(BatchReport& report, const Error& error);

}  // namespace bmx::upload
