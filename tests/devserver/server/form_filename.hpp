// A multipart part's filename as the real server holds it: Starlette decodes the header's bytes
// as UTF-8 and, when they are not UTF-8, as Latin-1, so original_filename is always text.
#pragma once

#include <string>
#include <string_view>

namespace bmx::devserver {

std::string form_filename_text(std::string_view bytes);

}  // namespace bmx::devserver
