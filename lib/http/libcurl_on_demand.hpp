// libcurl, opened on first use: bmx-api is not linked against it, so commands that never
// talk HTTP (thumbnail, --help, --version) start without loading it and its dependencies.
#pragma once

#include "core/on_demand_library.hpp"

namespace bmx::http {

// libcurl.so.4. The curl_* functions this program calls are defined as forwarders into it,
// in libcurl_on_demand.cpp (the variadic ones in libcurl_variadic.c); one missing there fails
// the link.
OnDemandLibrary& libcurl_library();

}  // namespace bmx::http
