#!/usr/bin/env bash
# Prints what bash with bash-completion completes for each command line: "== LINE", then one
# candidate a line. Words split at blanks and after --option=, as COMP_WORDBREAKS does.
# Usage: complete.bash SCRIPT 'bmx-api verify --exp' ...   (each line ends where TAB is pressed)
source /usr/share/bash-completion/bash_completion || exit 2
source "$1" || exit 2
shift
complete_function=$(complete -p bmx-api | sed -n 's/.* -F \([^ ]*\) .*/\1/p')
for COMP_LINE; do
    COMP_POINT=${#COMP_LINE}
    COMP_WORDS=()
    for word in $COMP_LINE; do
        if [[ $word == --*=* ]]; then COMP_WORDS+=("${word%%=*}" = "${word#*=}"); else COMP_WORDS+=("$word"); fi
    done
    [[ $COMP_LINE == *[\ =] ]] && COMP_WORDS+=("")
    COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
    COMPREPLY=()
    # compopt complains outside a real completion; what it would set does not change the candidates.
    "$complete_function" bmx-api "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}" 2> /dev/null
    printf '== %s\n' "$COMP_LINE"
    ((${#COMPREPLY[@]})) && printf '%s\n' "${COMPREPLY[@]}"
done
exit 0
