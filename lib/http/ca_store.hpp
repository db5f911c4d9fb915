// The CA store libcurl trusts when no bundle is given, for `bmx-api config` to name.
#pragma once

#include <string>

namespace bmx::http {

struct DefaultCaStore {
    std::string bundle;     // CURLINFO_CAINFO: libcurl's built-in CA file; empty when it has none
    std::string directory;  // CURLINFO_CAPATH: its directory of hashed certificates; empty when none
};

DefaultCaStore default_ca_store();

}  // namespace bmx::http
