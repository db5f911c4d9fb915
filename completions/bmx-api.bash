# bash completion for bmx-api
_bmx_api() {
    local cur prev words cword
    _init_completion || return

    local global_opts="--prod --env --base-url -H --header --timeout -i --include -v --verbose --version -h --help"
    local request_opts="--text-file --image --type --primary --caption --jq --paginate --retry --retry-delay --retry-all --timing --wait-until --fail-if --interval --wait-timeout"
    local upload_opts="--parallel --jobs --type --primary --no-reorder --caption --thumb-dir --retries --ndjson --dry-run"
    local thumbnail_opts="--out --size --quality --jobs --ndjson --max-megapixels"
    local verify_opts="--expect-version --expect-env --timeout --interval --checks"
    local commands="upload thumbnail verify config"
    local methods="GET POST PUT PATCH DELETE HEAD"

    case "$prev" in
        --text-file|--image) _filedir; return ;;
        --thumb-dir|--out) _filedir -d; return ;;
        --env) COMPREPLY=($(compgen -W "staging prod" -- "$cur")); return ;;
        --checks) COMPREPLY=($(compgen -W "version environment deep books image" -- "$cur")); return ;;
        --base-url|-H|--header|--timeout|--type|--caption|--jq|--retry|--retry-delay|--parallel|--jobs|--retries|--size|--quality|--max-megapixels|--expect-version|--expect-env|--interval|--wait-until|--fail-if|--wait-timeout) return ;;
    esac

    local command="" word
    for word in "${words[@]:1:cword-1}"; do
        case "$word" in upload|thumbnail|verify|config) command=$word; break ;; esac
    done
    case "$command" in
        upload) if [[ $cur == -* ]]; then COMPREPLY=($(compgen -W "$upload_opts $global_opts" -- "$cur")); else _filedir; fi ;;
        thumbnail) if [[ $cur == -* ]]; then COMPREPLY=($(compgen -W "$thumbnail_opts $global_opts" -- "$cur")); else _filedir; fi ;;
        verify) COMPREPLY=($(compgen -W "$verify_opts $global_opts" -- "$cur")) ;;
        config) COMPREPLY=($(compgen -W "$global_opts" -- "$cur")) ;;
        *)
            if [[ $cur == -* ]]; then
                COMPREPLY=($(compgen -W "$global_opts $request_opts" -- "$cur"))
            else
                COMPREPLY=($(compgen -W "$commands $methods" -- "$cur"))
            fi ;;
    esac
}
complete -F _bmx_api bmx-api
