// --type, --primary[=FILE], --caption and --json, declared the same way on upload and with --image.
#include "commands.hpp"

namespace bmx::cli {

void add_image_field_options(CLI::App& app, ImageFieldOptions& options) {
    options.declared = {
        app.add_option("--type", options.image_type, "The image_type query parameter (server default: detail)")
            ->type_name("TYPE"),
        // A flag, so that a bare --primary takes no value: FILE needs the '='.
        app.add_flag("--primary", options.primary,
                     "Make the first file, or FILE as --primary=FILE (with '='), the book's only primary image, first in "
                     "its order"),
        app.add_option("--caption", options.caption, "The caption query parameter")->type_name("TEXT"),
        app.add_flag("--json", options.json, "Print the statuses as JSON on a terminal too, not a table (pipes always get JSON)"),
    };
}

}  // namespace bmx::cli
