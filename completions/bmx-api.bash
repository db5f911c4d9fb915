# bash completion for bmx-api                                    -*- shell-script -*-
# Written by `bmx-api completion bash` from the CLI's own definition: do not edit.
# To change it, change the CLI and run scripts/update-completions.sh.

# Environment names: staging, prod, and each NAME.key or NAME.url in the config directory.
_bmx_api_environments()
{
    local dir=${BMX_CONFIG_DIR:-$HOME/.bmx} file
    {
        printf '%s\n' staging prod
        for file in "$dir"/*.key "$dir"/*.url; do
            [[ -f $file ]] || continue
            file=${file##*/}
            printf '%s\n' "${file%.*}"
        done
    } | sort -u
}

_bmx_api_words()
{
    local IFS=$'\n'
    COMPREPLY+=($(IFS=$' \t\n' compgen -W "$1" -- "$cur"))
}

# The last item of a comma-separated list.
_bmx_api_list()
{
    local prefix=""
    [[ $cur == *,* ]] && prefix=${cur%,*},
    COMPREPLY+=($(compgen -P "$prefix" -W "$1" -- "${cur##*,}"))
}

_bmx_api_files()
{
    if declare -F _filedir >/dev/null; then
        _filedir "$@"
    elif [[ $1 == -d ]]; then
        COMPREPLY+=($(compgen -d -- "$cur"))
    else
        COMPREPLY+=($(compgen -f -- "$cur"))
    fi
}

# Whether option $2 takes a value after command $1 (empty: before any command).
_bmx_api_takes_value()
{
    case "$1 $2" in
        " --env"|" --base-url"|" --cacert"|" -H"|" --header"|" --timeout"|" --max-response-mib"|" --color"|" --jq"|" --max-pages-mib"|" --retry"|" --retry-delay"|" --wait-until"|" --fail-if"|" --interval"|" --wait-timeout"|" --report-junit"|" --ci-format"|" --text-file"|" --image"|" --type"|" --caption"|" --max-upload-bytes") return 0 ;;
        "config --env"|"config --base-url"|"config --cacert"|"config -H"|"config --header"|"config --timeout"|"config --max-response-mib"|"config --color"|"config --report-junit"|"config --ci-format") return 0 ;;
        "thumbnail --out"|"thumbnail --size"|"thumbnail --quality"|"thumbnail --jobs"|"thumbnail --max-megapixels"|"thumbnail --max-decode-mib"|"thumbnail --max-jpeg-scans"|"thumbnail --env"|"thumbnail --base-url"|"thumbnail --cacert"|"thumbnail -H"|"thumbnail --header"|"thumbnail --timeout"|"thumbnail --max-response-mib"|"thumbnail --color"|"thumbnail --report-junit"|"thumbnail --ci-format") return 0 ;;
        "upload --parallel"|"upload --jobs"|"upload --type"|"upload --caption"|"upload --thumb-dir"|"upload --retry"|"upload --max-megapixels"|"upload --max-decode-mib"|"upload --max-jpeg-scans"|"upload --max-upload-bytes"|"upload --env"|"upload --base-url"|"upload --cacert"|"upload -H"|"upload --header"|"upload --timeout"|"upload --max-response-mib"|"upload --color"|"upload --report-junit"|"upload --ci-format") return 0 ;;
        "download --parallel"|"download --max-file-mib"|"download --retry"|"download --env"|"download --base-url"|"download --cacert"|"download -H"|"download --header"|"download --timeout"|"download --max-response-mib"|"download --color"|"download --report-junit"|"download --ci-format") return 0 ;;
        "verify --expect-version"|"verify --expect-env"|"verify --wait-timeout"|"verify --interval"|"verify --checks"|"verify --jq"|"verify --retry"|"verify --retry-delay"|"verify --env"|"verify --base-url"|"verify --cacert"|"verify -H"|"verify --header"|"verify --max-response-mib"|"verify --color"|"verify --report-junit"|"verify --ci-format") return 0 ;;
        "completion --env"|"completion --base-url"|"completion --cacert"|"completion -H"|"completion --header"|"completion --timeout"|"completion --max-response-mib"|"completion --color"|"completion --report-junit"|"completion --ci-format") return 0 ;;
        "help --env"|"help --base-url"|"help --cacert"|"help -H"|"help --header"|"help --timeout"|"help --max-response-mib"|"help --color"|"help --report-junit"|"help --ci-format") return 0 ;;
    esac
    return 1
}

# Completes the value of option $2 after command $1.
_bmx_api_value()
{
    case "$1 $2" in
        " --env") _bmx_api_words "$(_bmx_api_environments)" ;;
        " --cacert") _bmx_api_files ;;
        " --color") _bmx_api_words 'auto always never' ;;
        " --report-junit") _bmx_api_files ;;
        " --ci-format") _bmx_api_words 'github none' ;;
        " --text-file") _bmx_api_files ;;
        " --image") _bmx_api_files ;;
        "config --env") _bmx_api_words "$(_bmx_api_environments)" ;;
        "config --cacert") _bmx_api_files ;;
        "config --color") _bmx_api_words 'auto always never' ;;
        "config --report-junit") _bmx_api_files ;;
        "config --ci-format") _bmx_api_words 'github none' ;;
        "thumbnail --out") _bmx_api_files -d ;;
        "thumbnail --env") _bmx_api_words "$(_bmx_api_environments)" ;;
        "thumbnail --cacert") _bmx_api_files ;;
        "thumbnail --color") _bmx_api_words 'auto always never' ;;
        "thumbnail --report-junit") _bmx_api_files ;;
        "thumbnail --ci-format") _bmx_api_words 'github none' ;;
        "upload --thumb-dir") _bmx_api_files -d ;;
        "upload --env") _bmx_api_words "$(_bmx_api_environments)" ;;
        "upload --cacert") _bmx_api_files ;;
        "upload --color") _bmx_api_words 'auto always never' ;;
        "upload --report-junit") _bmx_api_files ;;
        "upload --ci-format") _bmx_api_words 'github none' ;;
        "download --env") _bmx_api_words "$(_bmx_api_environments)" ;;
        "download --cacert") _bmx_api_files ;;
        "download --color") _bmx_api_words 'auto always never' ;;
        "download --report-junit") _bmx_api_files ;;
        "download --ci-format") _bmx_api_words 'github none' ;;
        "verify --checks") _bmx_api_list 'version environment deep books image' ;;
        "verify --env") _bmx_api_words "$(_bmx_api_environments)" ;;
        "verify --cacert") _bmx_api_files ;;
        "verify --color") _bmx_api_words 'auto always never' ;;
        "verify --report-junit") _bmx_api_files ;;
        "verify --ci-format") _bmx_api_words 'github none' ;;
        "completion --env") _bmx_api_words "$(_bmx_api_environments)" ;;
        "completion --cacert") _bmx_api_files ;;
        "completion --color") _bmx_api_words 'auto always never' ;;
        "completion --report-junit") _bmx_api_files ;;
        "completion --ci-format") _bmx_api_words 'github none' ;;
        "help --env") _bmx_api_words "$(_bmx_api_environments)" ;;
        "help --cacert") _bmx_api_files ;;
        "help --color") _bmx_api_words 'auto always never' ;;
        "help --report-junit") _bmx_api_files ;;
        "help --ci-format") _bmx_api_words 'github none' ;;
    esac
}

# The options offered after command $1.
_bmx_api_options()
{
    case $1 in
        "") echo '-h --help --version --prod --env --base-url --cacert -H --header --timeout --max-response-mib -i --include -v --verbose --color --jq --paginate --max-pages-mib --retry --retry-delay --retry-all --timing --wait-until --fail-if --interval --wait-timeout --report-junit --ci-format --text-file --image --type --primary --caption --json --max-upload-bytes --fit --resend' ;;
        config) echo '-h --help --prod --env --base-url --cacert -H --header --timeout --max-response-mib -i --include -v --verbose --color --report-junit --ci-format' ;;
        thumbnail) echo '-h --help --out --size --quality --jobs --max-megapixels --max-decode-mib --max-jpeg-scans --ndjson --prod --env --base-url --cacert -H --header --timeout --max-response-mib -i --include -v --verbose --color --report-junit --ci-format' ;;
        upload) echo '-h --help --parallel --jobs --type --primary --caption --json --no-reorder --arrange --thumb-dir --retry --max-megapixels --max-decode-mib --max-jpeg-scans --max-upload-bytes --fit --resend --ndjson --dry-run --prod --env --base-url --cacert -H --header --timeout --max-response-mib -i --include -v --verbose --color --report-junit --ci-format' ;;
        download) echo '-h --help --parallel --max-file-mib --primary --thumbnails --force --retry --ndjson --prod --env --base-url --cacert -H --header --timeout --max-response-mib -i --include -v --verbose --color --report-junit --ci-format' ;;
        verify) echo '-h --help --expect-version --expect-env --wait-timeout --interval --checks --jq --retry --retry-delay --retry-all --timing --prod --env --base-url --cacert -H --header --max-response-mib -i --include -v --verbose --color --report-junit --ci-format' ;;
        completion) echo '-h --help --prod --env --base-url --cacert -H --header --timeout --max-response-mib -i --include -v --verbose --color --report-junit --ci-format' ;;
        help) echo '-h --help --prod --env --base-url --cacert -H --header --timeout --max-response-mib -i --include -v --verbose --color --report-junit --ci-format' ;;
    esac
}

# Completes positional argument $2 (from 0) of command $1.
_bmx_api_positional()
{
    case "$1 $2" in
        " 0") _bmx_api_words 'config thumbnail upload download verify completion help GET POST PUT PATCH DELETE HEAD' ;;  # METHOD
        " 1") : ;;  # PATH
        " 2") : ;;  # BODY
        "thumbnail "*) _bmx_api_files ;;  # PATH
        "upload 0") : ;;  # BOOK_ID
        "upload "*) _bmx_api_files ;;  # PATH
        "download 0") : ;;  # BOOK
        "download 1") _bmx_api_files -d ;;  # DIR
        "completion 0") _bmx_api_words 'bash zsh fish' ;;  # SHELL
        "help 0") : ;;  # COMMAND
    esac
}

_bmx_api()
{
    local cur prev words cword split=false
    if declare -F _init_completion >/dev/null; then
        _init_completion -s || return
    else
        cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD-1]}
        words=("${COMP_WORDS[@]}") cword=$COMP_CWORD
    fi

    local commands='config thumbnail upload download verify completion help' command="" position=0 options_end=false i word
    for ((i = 1; i < cword; i++)); do
        word=${words[i]}
        if [[ $options_end == false && $word == -- ]]; then
            options_end=true
        elif [[ $options_end == false && $word == -?* ]]; then
            [[ $word != *=* ]] && _bmx_api_takes_value "$command" "$word" && ((i++))
        elif [[ -z $command && $position -eq 0 && " $commands " == *" $word "* ]]; then
            command=$word
        else
            ((position++))
        fi
    done

    if [[ $split == true ]] || ((i > cword)); then
        _bmx_api_value "$command" "$prev"
    elif [[ $options_end == false && $cur == -* ]]; then
        _bmx_api_words "$(_bmx_api_options "$command")"
    else
        _bmx_api_positional "$command" "$position"
    fi
}
complete -F _bmx_api bmx-api
