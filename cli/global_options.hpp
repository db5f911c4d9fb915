// Options that apply to every command, before or after its name.
#pragma once

#include <string>
#include <vector>

namespace bmx::cli {

struct GlobalOptions {
    bool prod = false;
    std::string env_name;   // --env NAME; empty means staging, or prod with --prod
    std::string base_url;   // --base-url URL
    std::vector<std::string> headers;  // -H 'Name: value'
    double timeout_seconds = 30.0;
    bool include = false;   // -i
    bool verbose = false;   // -v
};

}  // namespace bmx::cli
