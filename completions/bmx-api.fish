# fish completion for bmx-api.
# Written by `bmx-api completion fish` from the CLI's own definition: do not edit.
# To change it, change the CLI and run scripts/update-completions.sh.

# Environment names: staging, prod, and each NAME.key or NAME.url in the config directory.
function __bmx_api_environments
    set -l dir $BMX_CONFIG_DIR
    test -n "$dir"; or set dir ~/.bmx
    begin
        printf '%s\n' staging prod
        for file in $dir/*.key $dir/*.url
            test -f $file; and string replace -r '\.(key|url)$' '' -- (path basename -- $file)
        end
    end | sort -u
end

# The last item of a comma-separated list, after the items already given.
function __bmx_api_list
    set -l given (commandline -ct | string replace -r -- '^-[^=]*=' '')
    set -l prefix (string match -r -- '^.*,' $given)
    printf "$prefix%s\n" $argv
end

# Whether option $argv[2] takes a value after command $argv[1] (empty: before any command).
function __bmx_api_takes_value
    switch "$argv[1] $argv[2]"
        case ' --env' ' --base-url' ' --cacert' ' -H' ' --header' ' --timeout' ' --max-response-mib' ' --color' ' --jq' ' --max-pages-mib' ' --retry' ' --retry-delay' ' --wait-until' ' --fail-if' ' --interval' ' --wait-timeout' ' --report-junit' ' --ci-format' ' --text-file' ' --image' ' --type' ' --caption' ' --max-upload-bytes'
            return 0
        case 'config --env' 'config --base-url' 'config --cacert' 'config -H' 'config --header' 'config --timeout' 'config --max-response-mib' 'config --color' 'config --report-junit' 'config --ci-format'
            return 0
        case 'thumbnail --out' 'thumbnail --size' 'thumbnail --quality' 'thumbnail --jobs' 'thumbnail --max-megapixels' 'thumbnail --max-decode-mib' 'thumbnail --max-jpeg-scans' 'thumbnail --env' 'thumbnail --base-url' 'thumbnail --cacert' 'thumbnail -H' 'thumbnail --header' 'thumbnail --timeout' 'thumbnail --max-response-mib' 'thumbnail --color' 'thumbnail --report-junit' 'thumbnail --ci-format'
            return 0
        case 'upload --parallel' 'upload --jobs' 'upload --type' 'upload --caption' 'upload --thumb-dir' 'upload --retry' 'upload --max-megapixels' 'upload --max-decode-mib' 'upload --max-jpeg-scans' 'upload --max-upload-bytes' 'upload --env' 'upload --base-url' 'upload --cacert' 'upload -H' 'upload --header' 'upload --timeout' 'upload --max-response-mib' 'upload --color' 'upload --report-junit' 'upload --ci-format'
            return 0
        case 'download --parallel' 'download --max-file-mib' 'download --retry' 'download --env' 'download --base-url' 'download --cacert' 'download -H' 'download --header' 'download --timeout' 'download --max-response-mib' 'download --color' 'download --report-junit' 'download --ci-format'
            return 0
        case 'verify --expect-version' 'verify --expect-env' 'verify --wait-timeout' 'verify --interval' 'verify --checks' 'verify --jq' 'verify --retry' 'verify --retry-delay' 'verify --env' 'verify --base-url' 'verify --cacert' 'verify -H' 'verify --header' 'verify --max-response-mib' 'verify --color' 'verify --report-junit' 'verify --ci-format'
            return 0
        case 'completion --env' 'completion --base-url' 'completion --cacert' 'completion -H' 'completion --header' 'completion --timeout' 'completion --max-response-mib' 'completion --color' 'completion --report-junit' 'completion --ci-format'
            return 0
        case 'help --env' 'help --base-url' 'help --cacert' 'help -H' 'help --header' 'help --timeout' 'help --max-response-mib' 'help --color' 'help --report-junit' 'help --ci-format'
            return 0
    end
    return 1
end

# Prints the command on the line so far (an empty line before one), the number of positional
# arguments after it, and "value" when the word being completed is an option's value.
function __bmx_api_state
    set -l tokens (commandline -opc)
    set -l command ''
    set -l position 0
    set -l pending ''
    set -l options_end 0
    for token in $tokens[2..-1]
        if test -n "$pending"
            set pending ''
        else if test $options_end = 0 -a "$token" = --
            set options_end 1
        else if test $options_end = 0; and string match -q -- '-?*' $token
            if not string match -q -- '*=*' $token; and __bmx_api_takes_value "$command" $token
                set pending value
            end
        else if test -z "$command" -a $position = 0; and contains -- $token config thumbnail upload download verify completion help
            set command $token
        else
            set position (math $position + 1)
        end
    end
    printf '%s\n' "$command" $position "$pending"
end

# Whether the command on the line is one of $argv ('' for none).
function __bmx_api_using
    set -l state (__bmx_api_state)
    contains -- "$state[1]" $argv
end

# Whether the word being completed is positional argument $argv[2] (from 0; N+ for N or
# later) of command $argv[1].
function __bmx_api_position
    set -l state (__bmx_api_state)
    test "$state[1]" = "$argv[1]" -a -z "$state[3]"; or return 1
    if string match -q -- '*+' $argv[2]
        test $state[2] -ge (string trim -c + -- $argv[2])
    else
        test $state[2] -eq $argv[2]
    end
end

complete -c bmx-api -f

# Global options, before or after any command but the ones with their own of that name
complete -c bmx-api -l prod -d 'Use the production environment (default: staging)'
complete -c bmx-api -l env -x -a '(__bmx_api_environments)' -d 'Use the named environment (its key file is <config dir>/ENV.key)'
complete -c bmx-api -l base-url -x -d "Override the selected environment's base URL (the key choice stays)"
complete -c bmx-api -l cacert -r -F -d "Trust the CAs in this PEM file instead of the system's store, as curl's --cacert (also BMX_CA_BUNDLE)"
complete -c bmx-api -s H -l header -x -d "Extra request header 'Name: value' (repeatable)"
complete -c bmx-api -n 'not __bmx_api_using verify' -l timeout -x -d 'Whole-request timeout in seconds (default 30)'
complete -c bmx-api -l max-response-mib -x -d 'Largest answer body taken in, in MiB once decoded (default 64)'
complete -c bmx-api -s i -l include -d 'Print the response status line and headers to stderr'
complete -c bmx-api -s v -l verbose -d 'Also print the request line and headers (the key redacted)'
complete -c bmx-api -l color -x -a 'auto always never' -d 'Colour on a terminal: auto (default'
complete -c bmx-api -l report-junit -r -F -d 'verify, upload and --wait-until: write a JUnit XML report to FILE (atomically, also on failure)'
complete -c bmx-api -l ci-format -x -a 'github none' -d 'GitHub Actions annotations and job summary: github, or none (default: github when GITHUB_ACTIONS=true)'

# Before a command, and for requests
complete -c bmx-api -n "__bmx_api_using ''" -s h -l help -d 'Print this help message and exit'
complete -c bmx-api -n "__bmx_api_using ''" -l version -d 'Display program version information and exit'
complete -c bmx-api -n "__bmx_api_using ''" -l jq -x -d 'Filter the JSON answer with a jq EXPR (libjq)'
complete -c bmx-api -n "__bmx_api_using ''" -l paginate -d 'GET every page of a paginated endpoint ({items, total, page, per_page, pages})'
complete -c bmx-api -n "__bmx_api_using ''" -l max-pages-mib -x -d "With --paginate: the most MiB all pages' bodies may hold together (default 256)"
complete -c bmx-api -n "__bmx_api_using ''" -l retry -x -d 'Retry up to N times after transport errors, 408, 429 and 5xx gateway answers (default 0)'
complete -c bmx-api -n "__bmx_api_using ''" -l retry-delay -x -d 'First retry delay in seconds, doubled each retry, with jitter'
complete -c bmx-api -n "__bmx_api_using ''" -l retry-all -d 'With --retry: also retry POST and PATCH (not idempotent)'
complete -c bmx-api -n "__bmx_api_using ''" -l timing -d 'Print DNS, connect, TLS, first-byte and total times on stderr'
complete -c bmx-api -n "__bmx_api_using ''" -l wait-until -x -d 'GET: poll until the jq EXPR is true for the answer (as jq -e decides), then print that answer'
complete -c bmx-api -n "__bmx_api_using ''" -l fail-if -x -d 'With --wait-until: stop with exit 1 as soon as the jq EXPR is true, showing error_message or detail'
complete -c bmx-api -n "__bmx_api_using ''" -l interval -x -d 'With --wait-until: seconds between polls (default 5)'
complete -c bmx-api -n "__bmx_api_using ''" -l wait-timeout -x -d 'With --wait-until: give up after SECONDS with exit 5 (default 600)'
complete -c bmx-api -n "__bmx_api_using ''" -l text-file -r -F -d "Send FILE's bytes (or stdin with -) as text/plain"
complete -c bmx-api -n "__bmx_api_using ''" -l image -r -F -d "Upload FILE to POST /books/ID/images as multipart field 'file' (repeatable)"
complete -c bmx-api -n "__bmx_api_using ''" -l type -x -d 'The image_type query parameter (server default: detail)'
complete -c bmx-api -n "__bmx_api_using ''" -l primary -d "Make the first file, or FILE as --primary=FILE (with '='), the book's only primary image, first in its order"
complete -c bmx-api -n "__bmx_api_using ''" -l caption -x -d 'The caption query parameter'
complete -c bmx-api -n "__bmx_api_using ''" -l json -d 'Print the statuses as JSON on a terminal too, not a table (pipes always get JSON)'
complete -c bmx-api -n "__bmx_api_using ''" -l max-upload-bytes -x -d 'Largest multipart request to send, in bytes'
complete -c bmx-api -n "__bmx_api_using ''" -l fit -d 'Re-encode the upload copy of a file over the limit as a JPEG that fits (the file is untouched)'
complete -c bmx-api -n "__bmx_api_using ''" -l resend -d 'Send every file, even those the upload record says the book holds'
complete -c bmx-api -n "__bmx_api_position '' 0" -a config -d 'Show the environment, base URL, key source (never the key) and CA bundle'
complete -c bmx-api -n "__bmx_api_position '' 0" -a thumbnail -d "Make local thumbnails (<stem>.thumb.jpg) the same as the server's, offline"
complete -c bmx-api -n "__bmx_api_position '' 0" -a upload -d "Upload a book's photos: thumbnail locally, upload concurrently, a status per file"
complete -c bmx-api -n "__bmx_api_position '' 0" -a download -d "Download a book's images into DIR, named NN-NAME in book order"
complete -c bmx-api -n "__bmx_api_position '' 0" -a verify -d 'Check a deploy: version, environment, deep health, keyed /books and a primary image'
complete -c bmx-api -n "__bmx_api_position '' 0" -a completion -d "Print the bash, zsh or fish completion script, written from this CLI's own definition"
complete -c bmx-api -n "__bmx_api_position '' 0" -a help -d "Print this help, or a command's: the same as --help"
complete -c bmx-api -n "__bmx_api_position '' 0" -a 'GET POST PUT PATCH DELETE HEAD' -d 'METHOD'

# config
complete -c bmx-api -n '__bmx_api_using config' -s h -l help -d 'Print this help message and exit'

# thumbnail
complete -c bmx-api -n '__bmx_api_using thumbnail' -s h -l help -d 'Print this help message and exit'
complete -c bmx-api -n '__bmx_api_using thumbnail' -l out -x -a '(__fish_complete_directories)' -d 'Directory for the thumbnails (default: the current directory)'
complete -c bmx-api -n '__bmx_api_using thumbnail' -l size -x -d 'Fit within SIZE x SIZE pixels, never upscaled (default 300)'
complete -c bmx-api -n '__bmx_api_using thumbnail' -l quality -x -d 'JPEG quality (default 85)'
complete -c bmx-api -n '__bmx_api_using thumbnail' -l jobs -x -d 'Worker threads (default: one per core)'
complete -c bmx-api -n '__bmx_api_using thumbnail' -l max-megapixels -x -d 'Refuse images declaring more pixels than this, from the header (default 100)'
complete -c bmx-api -n '__bmx_api_using thumbnail' -l max-decode-mib -x -d "Memory all workers' decodes share, in MiB"
complete -c bmx-api -n '__bmx_api_using thumbnail' -l max-jpeg-scans -x -d 'Refuse progressive JPEGs with more scans than this (default 100)'
complete -c bmx-api -n '__bmx_api_using thumbnail' -l ndjson -d 'Print one JSON line per file as each finishes'
complete -c bmx-api -n '__bmx_api_position thumbnail 0+' -F -d 'PATH'

# upload
complete -c bmx-api -n '__bmx_api_using upload' -s h -l help -d 'Print this help message and exit'
complete -c bmx-api -n '__bmx_api_using upload' -l parallel -x -d 'Uploads in flight at once (default 6)'
complete -c bmx-api -n '__bmx_api_using upload' -l jobs -x -d 'Thumbnail worker threads (default: one per core)'
complete -c bmx-api -n '__bmx_api_using upload' -l type -x -d 'The image_type query parameter (server default: detail)'
complete -c bmx-api -n '__bmx_api_using upload' -l primary -d "Make the first file, or FILE as --primary=FILE (with '='), the book's only primary image, first in its order"
complete -c bmx-api -n '__bmx_api_using upload' -l caption -x -d 'The caption query parameter'
complete -c bmx-api -n '__bmx_api_using upload' -l json -d 'Print the statuses as JSON on a terminal too, not a table (pipes always get JSON)'
complete -c bmx-api -n '__bmx_api_using upload' -l no-reorder -d "Leave the server's image order as the uploads landed (statuses still show it)"
complete -c bmx-api -n '__bmx_api_using upload' -l arrange -d 'Make these files, new or already on the book, its first images in input order'
complete -c bmx-api -n '__bmx_api_using upload' -l thumb-dir -x -a '(__fish_complete_directories)' -d 'Also write each local thumbnail to DIR as <stem>.thumb.jpg'
complete -c bmx-api -n '__bmx_api_using upload' -l retry -x -d 'Retry up to N times after transport errors and 408/429/5xx (default 3)'
complete -c bmx-api -n '__bmx_api_using upload' -l max-megapixels -x -d 'Refuse images declaring more pixels than this, from the header (default 100)'
complete -c bmx-api -n '__bmx_api_using upload' -l max-decode-mib -x -d "Memory all workers' decodes share, in MiB"
complete -c bmx-api -n '__bmx_api_using upload' -l max-jpeg-scans -x -d 'Refuse progressive JPEGs with more scans than this (default 100)'
complete -c bmx-api -n '__bmx_api_using upload' -l max-upload-bytes -x -d 'Largest multipart request to send, in bytes'
complete -c bmx-api -n '__bmx_api_using upload' -l fit -d 'Re-encode the upload copy of a file over the limit as a JPEG that fits (the file is untouched)'
complete -c bmx-api -n '__bmx_api_using upload' -l resend -d 'Send every file, even those the upload record says the book holds'
complete -c bmx-api -n '__bmx_api_using upload' -l ndjson -d 'One JSON line per file: a failed or cancelled file when final, stored files once the book is placed'
complete -c bmx-api -n '__bmx_api_using upload' -l dry-run -d 'Check and thumbnail everything, print what would be sent, send nothing'
complete -c bmx-api -n '__bmx_api_position upload 1+' -F -d 'PATH'

# download
complete -c bmx-api -n '__bmx_api_using download' -s h -l help -d 'Print this help message and exit'
complete -c bmx-api -n '__bmx_api_using download' -l parallel -x -d 'Downloads in flight at once (default 6)'
complete -c bmx-api -n '__bmx_api_using download' -l max-file-mib -x -d 'Refuse an image body over N MiB (default 64)'
complete -c bmx-api -n '__bmx_api_using download' -l primary -d "Only the book's primary image (else its first)"
complete -c bmx-api -n '__bmx_api_using download' -l thumbnails -d "The server's thumbnails instead, named NN-NAME.thumb.jpg"
complete -c bmx-api -n '__bmx_api_using download' -l force -d 'Replace a file of the same name that holds other content'
complete -c bmx-api -n '__bmx_api_using download' -l retry -x -d 'Retry up to N times after transport errors and 408/429/5xx (default 3)'
complete -c bmx-api -n '__bmx_api_using download' -l ndjson -d 'One JSON line per image as it reaches its final state'
complete -c bmx-api -n '__bmx_api_position download 1' -a '(__fish_complete_directories)' -d 'DIR'

# verify
complete -c bmx-api -n '__bmx_api_using verify' -s h -l help -d 'Print this help message and exit'
complete -c bmx-api -n '__bmx_api_using verify' -l expect-version -x -d 'Poll /health/version until it answers version V (default: answering is enough)'
complete -c bmx-api -n '__bmx_api_using verify' -l expect-env -x -d "The environment /health/version must name (default: production with --prod, else the environment's name)"
complete -c bmx-api -n '__bmx_api_using verify' -l wait-timeout -x -d "Give up polling for the version after S seconds (default 60), as --wait-until's --wait-timeout"
complete -c bmx-api -n '__bmx_api_using verify' -l interval -x -d 'Seconds between version polls (default 3)'
complete -c bmx-api -n '__bmx_api_using verify' -l checks -x -a '(__bmx_api_list version environment deep books image)' -d 'Comma-separated checks to run: version,environment,deep,books,image (default: all)'
complete -c bmx-api -n '__bmx_api_using verify' -l jq -x -d 'Filter the JSON answer with a jq EXPR (libjq)'
complete -c bmx-api -n '__bmx_api_using verify' -l retry -x -d 'Retry up to N times after transport errors, 408, 429 and 5xx gateway answers (default 0)'
complete -c bmx-api -n '__bmx_api_using verify' -l retry-delay -x -d 'First retry delay in seconds, doubled each retry, with jitter'
complete -c bmx-api -n '__bmx_api_using verify' -l retry-all -d 'With --retry: also retry POST and PATCH (not idempotent)'
complete -c bmx-api -n '__bmx_api_using verify' -l timing -d 'Print DNS, connect, TLS, first-byte and total times on stderr'

# completion
complete -c bmx-api -n '__bmx_api_using completion' -s h -l help -d 'Print this help message and exit'
complete -c bmx-api -n '__bmx_api_position completion 0' -a 'bash zsh fish' -d 'SHELL'

# help
complete -c bmx-api -n '__bmx_api_using help' -s h -l help -d 'Print this help message and exit'
