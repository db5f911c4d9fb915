# Prints what fish completes for each command line: "== LINE", then one candidate a line
# (without descriptions). Usage: fish --no-config complete.fish SCRIPT 'bmx-api verify --exp' ...
source $argv[1]; or exit 2
for line in $argv[2..-1]
    printf '== %s\n' $line
    complete -C $line | string replace -r '\t.*' ''
end
