#!/usr/bin/zsh -f
# Prints what zsh completes for each command line: "== LINE", then one candidate a line. Types
# each line and a TAB into one interactive zsh on a pseudo-terminal, capturing what compadd gets.
# Usage: complete.zsh COMPLETION_DIR 'bmx-api verify --exp' ...
zmodload zsh/zpty || exit 2
TERM=xterm zpty shell zsh -f -i || exit 2
zpty -w shell "PROMPT='' RPROMPT='' fpath=(${(q)1} \$fpath); autoload -Uz compinit && compinit -u -D"
zpty -w shell 'zstyle ":completion:*" insert-tab false'
zpty -w shell 'compadd() {
  if (( ${@[(I)-[OAD]*]} )); then builtin compadd "$@"; return; fi
  local -a hits
  builtin compadd -A hits "$@"
  (( $#hits )) && print -rl -- "<match>"${^hits}
  builtin compadd "$@"
}'
# TAB completes, then says so: the end of each line's matches.
zpty -w shell 'complete-then-mark() { zle complete-word; print -r -- "<finished>"; }'
zpty -w shell 'zle -N complete-then-mark; bindkey -e; bindkey "^I" complete-then-mark; print -r -- "<ready>"'

wait_for() {  # reads the pty until a line holds $1, printing matches on the way; 20 s at most
  local chunk line deadline=$(( SECONDS + 20 ))
  while (( SECONDS < deadline )); do
    zpty -r -t shell chunk || { sleep 0.01; continue; }
    buffer+=${chunk//$'\r'/}
    while [[ $buffer == *$'\n'* ]]; do  # whole lines only: a read may stop mid-line
      line=${buffer%%$'\n'*}
      buffer=${buffer#*$'\n'}
      [[ $line == *print* ]] && continue  # the shell echoing what was typed
      [[ $line == *"<match>"* ]] && print -r -- "${line#*<match>}"
      [[ $line == *"$1"* ]] && return 0
    done
  done
  print -u2 "complete.zsh: no $1 from the shell"
  return 2
}

buffer=''
wait_for "<ready>" > /dev/null || exit 2
for typed in "${@[2,-1]}"; do
  print -r -- "== $typed"
  zpty -w -n shell "$typed"$'\t'
  wait_for "<finished>" || exit 2
  zpty -w -n shell $'\C-u'  # clear the line for the next one
done
zpty -d shell
