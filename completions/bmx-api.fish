# fish completion for bmx-api
set -l commands upload thumbnail verify config
set -l methods GET POST PUT PATCH DELETE HEAD

complete -c bmx-api -f
complete -c bmx-api -n "not __fish_seen_subcommand_from $commands $methods" -a "$commands $methods"

# global options
complete -c bmx-api -l prod -d 'Use the production environment'
complete -c bmx-api -l env -x -a 'staging prod' -d 'Use the named environment'
complete -c bmx-api -l base-url -x -d 'Override the base URL'
complete -c bmx-api -s H -l header -x -d 'Extra request header'
complete -c bmx-api -l timeout -x -d 'Timeout in seconds'
complete -c bmx-api -s i -l include -d 'Print status line and headers to stderr'
complete -c bmx-api -s v -l verbose -d 'Also print the request, key redacted'
complete -c bmx-api -l version -d 'Print the version'
complete -c bmx-api -s h -l help -d 'Print help'

# request options
set -l request "not __fish_seen_subcommand_from $commands"
complete -c bmx-api -n $request -l text-file -r -F -d 'Send a file as text/plain'
complete -c bmx-api -n $request -l image -r -F -d 'Upload an image file'
complete -c bmx-api -n "not __fish_seen_subcommand_from thumbnail verify config" -l type -x -d 'image_type query parameter'
complete -c bmx-api -n "not __fish_seen_subcommand_from thumbnail verify config" -l primary -d 'Mark as the primary image'
complete -c bmx-api -n "not __fish_seen_subcommand_from thumbnail verify config" -l caption -x -d 'caption query parameter'
complete -c bmx-api -n $request -l jq -x -d 'Filter the response with jq'
complete -c bmx-api -n $request -l paginate -d 'Fetch every page and merge the items'
complete -c bmx-api -n $request -l retry -x -d 'Retry transient failures N times'
complete -c bmx-api -n $request -l retry-delay -x -d 'First retry delay in seconds'
complete -c bmx-api -n $request -l retry-all -d 'Retry POST and PATCH too'
complete -c bmx-api -n $request -l timing -d 'Print transfer timings'
complete -c bmx-api -n $request -l wait-until -x -d 'GET: poll until the jq expression is true'
complete -c bmx-api -n $request -l fail-if -x -d 'With --wait-until: stop with exit 1 when true'
complete -c bmx-api -n $request -l interval -x -d 'With --wait-until: seconds between polls'
complete -c bmx-api -n $request -l wait-timeout -x -d 'With --wait-until: give up after seconds, exit 5'

# upload
complete -c bmx-api -n "__fish_seen_subcommand_from upload" -F
complete -c bmx-api -n "__fish_seen_subcommand_from upload" -l parallel -x -d 'Uploads in flight'
complete -c bmx-api -n "__fish_seen_subcommand_from upload thumbnail" -l jobs -x -d 'Worker threads'
complete -c bmx-api -n "__fish_seen_subcommand_from upload" -l thumb-dir -r -a '(__fish_complete_directories)' -d 'Write thumbnails here'
complete -c bmx-api -n "__fish_seen_subcommand_from upload" -l retries -x -d 'Retries per file'
complete -c bmx-api -n "__fish_seen_subcommand_from upload thumbnail" -l ndjson -d 'One JSON line per file'
complete -c bmx-api -n "__fish_seen_subcommand_from upload" -l dry-run -d 'Send nothing'
complete -c bmx-api -n "__fish_seen_subcommand_from upload" -l no-reorder -d 'Leave the arrival order'

# thumbnail
complete -c bmx-api -n "__fish_seen_subcommand_from thumbnail" -F
complete -c bmx-api -n "__fish_seen_subcommand_from thumbnail" -l out -r -a '(__fish_complete_directories)' -d 'Output directory'
complete -c bmx-api -n "__fish_seen_subcommand_from thumbnail" -l size -x -d 'Box size in pixels'
complete -c bmx-api -n "__fish_seen_subcommand_from thumbnail" -l quality -x -d 'JPEG quality'
complete -c bmx-api -n "__fish_seen_subcommand_from thumbnail" -l max-megapixels -x -d 'Largest image accepted'

# verify
complete -c bmx-api -n "__fish_seen_subcommand_from verify" -l expect-version -x -d 'Version to wait for'
complete -c bmx-api -n "__fish_seen_subcommand_from verify" -l expect-env -x -d 'Expected environment'
complete -c bmx-api -n "__fish_seen_subcommand_from verify" -l interval -x -d 'Seconds between polls'
complete -c bmx-api -n "__fish_seen_subcommand_from verify" -l checks -x -a 'version environment deep books image' -d 'Checks to run'
