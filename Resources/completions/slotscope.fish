function __slotscope_should_offer_completions_for_flags_or_options -a expected_commands
    set -l non_repeating_flags_or_options $argv[2..]
    set -l non_repeating_flags_or_options_absent 0
    set -l positional_index 0
    set -l commands
    __slotscope_parse_tokens
    test "$commands" = "$expected_commands"; and return $non_repeating_flags_or_options_absent
end

function __slotscope_should_offer_completions_for_positional -a expected_commands positional_index_comparison expected_positional_index
    set -l non_repeating_flags_or_options
    set -l non_repeating_flags_or_options_absent 0
    set -l positional_index 0
    set -l commands
    __slotscope_parse_tokens
    test "$commands" = "$expected_commands" -a \( "$positional_index" "$positional_index_comparison" "$expected_positional_index" \)
end

function __slotscope_parse_tokens -S
    set -l unparsed_tokens (__slotscope_tokens -pc)
    switch $unparsed_tokens[1]
    case 'slotscope'
        __slotscope_parse_subcommand 0 'version' 'help'
        switch $unparsed_tokens[1]
        case 'inspect'
            __slotscope_parse_subcommand 1 'interval=' 'no-color' 'ascii' 'sentinel=+' 'master-name=+' 'map=+' 'single-endpoint' 'h/host=' 'p/port=' 'u/uri=' 'a/pass=' 'pass-file=' 'askpass' 'user=' 'tls' 'sni=' 'cacert=' 'cacertdir=' 'cert=' 'key=' 'insecure' 'read-only' 'timeout=' 'version' 'help'
        case 'check'
            __slotscope_parse_subcommand 1 'json' 'no-key-census' 'sentinel=+' 'master-name=+' 'map=+' 'single-endpoint' 'h/host=' 'p/port=' 'u/uri=' 'a/pass=' 'pass-file=' 'askpass' 'user=' 'tls' 'sni=' 'cacert=' 'cacertdir=' 'cert=' 'key=' 'insecure' 'read-only' 'timeout=' 'version' 'help'
        case 'fix'
            __slotscope_parse_subcommand 1 'dry-run' 'yes' 'replace' 'pipeline=' 'owner=' 'resume' 'journal=' 'force-unreachable' 'map=+' 'single-endpoint' 'h/host=' 'p/port=' 'u/uri=' 'a/pass=' 'pass-file=' 'askpass' 'user=' 'tls' 'sni=' 'cacert=' 'cacertdir=' 'cert=' 'key=' 'insecure' 'read-only' 'timeout=' 'version' 'help'
        case 'snapshot'
            __slotscope_parse_subcommand 1 'json' 'key-census' 'sentinel=+' 'master-name=+' 'map=+' 'single-endpoint' 'h/host=' 'p/port=' 'u/uri=' 'a/pass=' 'pass-file=' 'askpass' 'user=' 'tls' 'sni=' 'cacert=' 'cacertdir=' 'cert=' 'key=' 'insecure' 'read-only' 'timeout=' 'version' 'help'
        case 'watch'
            __slotscope_parse_subcommand 1 'interval=' 'count=' 'json' 'record=' 'settle=' 'sentinel=+' 'master-name=+' 'map=+' 'single-endpoint' 'h/host=' 'p/port=' 'u/uri=' 'a/pass=' 'pass-file=' 'askpass' 'user=' 'tls' 'sni=' 'cacert=' 'cacertdir=' 'cert=' 'key=' 'insecure' 'read-only' 'timeout=' 'version' 'help'
        case 'record'
            __slotscope_parse_subcommand 2 'interval=' 'count=' 'map=+' 'single-endpoint' 'h/host=' 'p/port=' 'u/uri=' 'a/pass=' 'pass-file=' 'askpass' 'user=' 'tls' 'sni=' 'cacert=' 'cacertdir=' 'cert=' 'key=' 'insecure' 'read-only' 'timeout=' 'version' 'help'
        case 'replay'
            __slotscope_parse_subcommand 1 'speed=' 'paused' 'no-color' 'ascii' 'version' 'help'
        case 'explain'
            __slotscope_parse_subcommand 2 'map=+' 'single-endpoint' 'h/host=' 'p/port=' 'u/uri=' 'a/pass=' 'pass-file=' 'askpass' 'user=' 'tls' 'sni=' 'cacert=' 'cacertdir=' 'cert=' 'key=' 'insecure' 'read-only' 'timeout=' 'version' 'help'
        case 'ping'
            __slotscope_parse_subcommand 1 'count=' 'h/host=' 'p/port=' 'u/uri=' 'a/pass=' 'pass-file=' 'askpass' 'user=' 'tls' 'sni=' 'cacert=' 'cacertdir=' 'cert=' 'key=' 'insecure' 'read-only' 'timeout=' 'version' 'help'
        case 'demo'
            __slotscope_parse_subcommand 0 'masters=' 'replicas=' 'keep' 'read-only' 'interval=' 'no-color' 'ascii' 'version' 'help'
        case 'acl'
            __slotscope_parse_subcommand 0 'user=' 'sentinel' 'server-version=' 'version' 'help'
        case 'help'
            __slotscope_parse_subcommand -r 1 'version'
        end
    end
end

function __slotscope_tokens
    if test (string split -m 1 -f 1 -- . "$FISH_VERSION") -gt 3
        commandline --tokens-raw $argv
    else
        commandline -o $argv
    end
end

function __slotscope_parse_subcommand -S -a positional_count
    argparse -s r -- $argv
    set -l option_specs $argv[2..]
    set -l is_repeating_positional $_flag_r
    set -el _flag_r
    set -a commands $unparsed_tokens[1]
    set positional_index 0
    while true
        set -e unparsed_tokens[1]
        argparse -sn "$commands" $option_specs -- $unparsed_tokens 2> /dev/null
        set unparsed_tokens $argv
        set positional_index (math $positional_index + 1)
        for non_repeating_flag_or_option in $non_repeating_flags_or_options
            if set -ql "_flag_$(string replace -a - _ -- $non_repeating_flag_or_option)"
                set non_repeating_flags_or_options_absent 1
                break
            end
        end
        test (count $unparsed_tokens) -eq 0 -o \( -z "$is_repeating_positional" -a "$positional_index" -gt "$positional_count" \) && break
    end
end

function __slotscope_complete_directories
    set -l token (commandline -t)
    string match -- '*/' $token
    set -l subdirs $token*/
    printf %s\n $subdirs
end

function __slotscope_custom_completion
    set -x SAP_SHELL fish
    set -x SAP_SHELL_VERSION $FISH_VERSION
    set -l tokens (__slotscope_tokens -p)
    if test -z "$(__slotscope_tokens -t)"
        set -l index (count (__slotscope_tokens -pc))
        set tokens $tokens[..$index] \'\' $tokens[(math $index + 1)..]
    end
    command $tokens[1] $argv $tokens
end

complete -c 'slotscope' -f
complete -c 'slotscope' -n '__slotscope_should_offer_completions_for_flags_or_options "slotscope" version' -l 'version' -d 'Show the version.'
complete -c 'slotscope' -n '__slotscope_should_offer_completions_for_flags_or_options "slotscope" help' -l 'help' -d 'Show help information.'
complete -c 'slotscope' -n '__slotscope_should_offer_completions_for_positional "slotscope" -eq 1' -fa 'inspect' -d 'Open the interactive inspector on a cluster (the default: `slotscope HOST:PORT`).'
complete -c 'slotscope' -n '__slotscope_should_offer_completions_for_positional "slotscope" -eq 1' -fa 'check' -d 'Check a cluster (or Sentinel groups, with --sentinel) once: every problem, worst first, with the fix that applies.'
complete -c 'slotscope' -n '__slotscope_should_offer_completions_for_positional "slotscope" -eq 1' -fa 'fix' -d 'Repair unserved and open slots, keys on non-owners and ghost nodes: planned, confirmed, journaled, verified.'
complete -c 'slotscope' -n '__slotscope_should_offer_completions_for_positional "slotscope" -eq 1' -fa 'snapshot' -d 'Print the whole cluster (or, with --sentinel, the Sentinel groups) as one JSON document (schema: Resources/schemas/snapshot.schema.json).'
complete -c 'slotscope' -n '__slotscope_should_offer_completions_for_positional "slotscope" -eq 1' -fa 'watch' -d 'Poll a cluster and print one timestamped line per event (failover, pfail/fail, slot moves, …); with --sentinel, every sentinel\'s events, deduplicated.'
complete -c 'slotscope' -n '__slotscope_should_offer_completions_for_positional "slotscope" -eq 1' -fa 'record' -d 'Record every poll of a cluster to FILE (JSON lines) while printing its events.'
complete -c 'slotscope' -n '__slotscope_should_offer_completions_for_positional "slotscope" -eq 1' -fa 'replay' -d 'Play a recording from `slotscope record` in the inspector; no servers needed.'
complete -c 'slotscope' -n '__slotscope_should_offer_completions_for_positional "slotscope" -eq 1' -fa 'explain' -d 'Explain an error users paste (MOVED, CLUSTERDOWN, LOADING, …); given a node, say which cause holds now.'
complete -c 'slotscope' -n '__slotscope_should_offer_completions_for_positional "slotscope" -eq 1' -fa 'ping' -d 'Connect to one node and report round trip, server, version, role, cluster mode and TLS.'
complete -c 'slotscope' -n '__slotscope_should_offer_completions_for_positional "slotscope" -eq 1' -fa 'demo' -d 'Start a local sandbox cluster on 127.0.0.1 and inspect it; stop it on exit.'
complete -c 'slotscope' -n '__slotscope_should_offer_completions_for_positional "slotscope" -eq 1' -fa 'acl' -d 'Print the ACL rules of a read-only monitoring user for Slotscope.'
complete -c 'slotscope' -n '__slotscope_should_offer_completions_for_positional "slotscope" -eq 1' -fa 'help' -d 'Show subcommand help information.'
complete -c 'slotscope' -n '__slotscope_should_offer_completions_for_flags_or_options "slotscope inspect" interval' -l 'interval' -d 'Time between polls in the interactive UI, e.g. 1s or 500ms.' -rfka ''
complete -c 'slotscope' -n '__slotscope_should_offer_completions_for_flags_or_options "slotscope inspect" no-color' -l 'no-color' -d 'No colours (also NO_COLOR); meaning is carried by text and marks.'
complete -c 'slotscope' -n '__slotscope_should_offer_completions_for_flags_or_options "slotscope inspect" ascii' -l 'ascii' -d 'ASCII lines and marks only, even in a UTF-8 locale.'
complete -c 'slotscope' -n '__slotscope_should_offer_completions_for_flags_or_options "slotscope inspect"' -l 'sentinel' -d 'A sentinel to start from, as HOST:PORT (default port 26379; repeatable). The other sentinels and the data nodes are discovered from it.' -rfka ''
complete -c 'slotscope' -n '__slotscope_should_offer_completions_for_flags_or_options "slotscope inspect"' -l 'master-name' -d 'The monitored group to inspect (repeatable; default: every group the sentinels monitor).' -rfka ''
complete -c 'slotscope' -n '__slotscope_should_offer_completions_for_flags_or_options "slotscope inspect"' -l 'map' -d 'Reach an announced address through another: FROM=TO, e.g. 10.244.3.239:6379=127.0.0.1:7001 or a CIDR 10.244.0.0/16=127.0.0.1 (repeatable).' -rfka ''
complete -c 'slotscope' -n '__slotscope_should_offer_completions_for_flags_or_options "slotscope inspect" single-endpoint' -l 'single-endpoint' -d 'Inspect through the given node only; report the others instead of dialing them.'
complete -c 'slotscope' -n '__slotscope_should_offer_completions_for_flags_or_options "slotscope inspect" h host' -s 'h' -l 'host' -d 'Server hostname or IP (default: 127.0.0.1).' -rfka ''
complete -c 'slotscope' -n '__slotscope_should_offer_completions_for_flags_or_options "slotscope inspect" p port' -s 'p' -l 'port' -d 'Server port (default: 6379).' -rfka ''
complete -c 'slotscope' -n '__slotscope_should_offer_completions_for_flags_or_options "slotscope inspect" u uri' -s 'u' -l 'uri' -d 'Server URI: redis://[user:password@]host[:port] or rediss://… for TLS.' -rfka ''
complete -c 'slotscope' -n '__slotscope_should_offer_completions_for_flags_or_options "slotscope inspect" a pass' -s 'a' -l 'pass' -d 'Password (visible in ps: prefer REDISCLI_AUTH, --askpass or --pass-file).' -rfka ''
complete -c 'slotscope' -n '__slotscope_should_offer_completions_for_flags_or_options "slotscope inspect" pass-file' -l 'pass-file' -d 'Read the password from the first line of this file.' -rfka ''
complete -c 'slotscope' -n '__slotscope_should_offer_completions_for_flags_or_options "slotscope inspect" askpass' -l 'askpass' -d 'Prompt for the password on the terminal.'
complete -c 'slotscope' -n '__slotscope_should_offer_completions_for_flags_or_options "slotscope inspect" user' -l 'user' -d 'ACL user name (Redis 6+).' -rfka ''
complete -c 'slotscope' -n '__slotscope_should_offer_completions_for_flags_or_options "slotscope inspect" tls' -l 'tls' -d 'Connect with TLS.'
complete -c 'slotscope' -n '__slotscope_should_offer_completions_for_flags_or_options "slotscope inspect" sni' -l 'sni' -d 'Server name for TLS SNI and certificate checks.' -rfka ''
complete -c 'slotscope' -n '__slotscope_should_offer_completions_for_flags_or_options "slotscope inspect" cacert' -l 'cacert' -d 'CA certificate file to verify the server with.' -rfka ''
complete -c 'slotscope' -n '__slotscope_should_offer_completions_for_flags_or_options "slotscope inspect" cacertdir' -l 'cacertdir' -d 'Directory of trusted CA certificates.' -rfka ''
complete -c 'slotscope' -n '__slotscope_should_offer_completions_for_flags_or_options "slotscope inspect" cert' -l 'cert' -d 'Client certificate to authenticate with.' -rfka ''
complete -c 'slotscope' -n '__slotscope_should_offer_completions_for_flags_or_options "slotscope inspect" key' -l 'key' -d 'Private key of the client certificate.' -rfka ''
complete -c 'slotscope' -n '__slotscope_should_offer_completions_for_flags_or_options "slotscope inspect" insecure' -l 'insecure' -d 'Skip TLS certificate verification (unsafe).'
complete -c 'slotscope' -n '__slotscope_should_offer_completions_for_flags_or_options "slotscope inspect" read-only' -l 'read-only' -d 'Never change anything: refuse every command but reads (also SLOTSCOPE_READONLY=1).'
complete -c 'slotscope' -n '__slotscope_should_offer_completions_for_flags_or_options "slotscope inspect" timeout' -l 'timeout' -d 'Connect and reply timeout, e.g. 2s or 500ms.' -rfka ''
complete -c 'slotscope' -n '__slotscope_should_offer_completions_for_flags_or_options "slotscope inspect" version' -l 'version' -d 'Show the version.'
complete -c 'slotscope' -n '__slotscope_should_offer_completions_for_flags_or_options "slotscope inspect" help' -l 'help' -d 'Show help information.'
complete -c 'slotscope' -n '__slotscope_should_offer_completions_for_flags_or_options "slotscope check" json' -l 'json' -d 'Print the report as JSON (schema: Resources/schemas/check.schema.json).'
complete -c 'slotscope' -n '__slotscope_should_offer_completions_for_flags_or_options "slotscope check" no-key-census' -l 'no-key-census' -d 'Skip counting keys per slot on every master (faster on huge clusters; keys on non-owners go unseen).'
complete -c 'slotscope' -n '__slotscope_should_offer_completions_for_flags_or_options "slotscope check"' -l 'sentinel' -d 'A sentinel to start from, as HOST:PORT (default port 26379; repeatable). The other sentinels and the data nodes are discovered from it.' -rfka ''
complete -c 'slotscope' -n '__slotscope_should_offer_completions_for_flags_or_options "slotscope check"' -l 'master-name' -d 'The monitored group to inspect (repeatable; default: every group the sentinels monitor).' -rfka ''
complete -c 'slotscope' -n '__slotscope_should_offer_completions_for_flags_or_options "slotscope check"' -l 'map' -d 'Reach an announced address through another: FROM=TO, e.g. 10.244.3.239:6379=127.0.0.1:7001 or a CIDR 10.244.0.0/16=127.0.0.1 (repeatable).' -rfka ''
complete -c 'slotscope' -n '__slotscope_should_offer_completions_for_flags_or_options "slotscope check" single-endpoint' -l 'single-endpoint' -d 'Inspect through the given node only; report the others instead of dialing them.'
complete -c 'slotscope' -n '__slotscope_should_offer_completions_for_flags_or_options "slotscope check" h host' -s 'h' -l 'host' -d 'Server hostname or IP (default: 127.0.0.1).' -rfka ''
complete -c 'slotscope' -n '__slotscope_should_offer_completions_for_flags_or_options "slotscope check" p port' -s 'p' -l 'port' -d 'Server port (default: 6379).' -rfka ''
complete -c 'slotscope' -n '__slotscope_should_offer_completions_for_flags_or_options "slotscope check" u uri' -s 'u' -l 'uri' -d 'Server URI: redis://[user:password@]host[:port] or rediss://… for TLS.' -rfka ''
complete -c 'slotscope' -n '__slotscope_should_offer_completions_for_flags_or_options "slotscope check" a pass' -s 'a' -l 'pass' -d 'Password (visible in ps: prefer REDISCLI_AUTH, --askpass or --pass-file).' -rfka ''
complete -c 'slotscope' -n '__slotscope_should_offer_completions_for_flags_or_options "slotscope check" pass-file' -l 'pass-file' -d 'Read the password from the first line of this file.' -rfka ''
complete -c 'slotscope' -n '__slotscope_should_offer_completions_for_flags_or_options "slotscope check" askpass' -l 'askpass' -d 'Prompt for the password on the terminal.'
complete -c 'slotscope' -n '__slotscope_should_offer_completions_for_flags_or_options "slotscope check" user' -l 'user' -d 'ACL user name (Redis 6+).' -rfka ''
complete -c 'slotscope' -n '__slotscope_should_offer_completions_for_flags_or_options "slotscope check" tls' -l 'tls' -d 'Connect with TLS.'
complete -c 'slotscope' -n '__slotscope_should_offer_completions_for_flags_or_options "slotscope check" sni' -l 'sni' -d 'Server name for TLS SNI and certificate checks.' -rfka ''
complete -c 'slotscope' -n '__slotscope_should_offer_completions_for_flags_or_options "slotscope check" cacert' -l 'cacert' -d 'CA certificate file to verify the server with.' -rfka ''
complete -c 'slotscope' -n '__slotscope_should_offer_completions_for_flags_or_options "slotscope check" cacertdir' -l 'cacertdir' -d 'Directory of trusted CA certificates.' -rfka ''
complete -c 'slotscope' -n '__slotscope_should_offer_completions_for_flags_or_options "slotscope check" cert' -l 'cert' -d 'Client certificate to authenticate with.' -rfka ''
complete -c 'slotscope' -n '__slotscope_should_offer_completions_for_flags_or_options "slotscope check" key' -l 'key' -d 'Private key of the client certificate.' -rfka ''
complete -c 'slotscope' -n '__slotscope_should_offer_completions_for_flags_or_options "slotscope check" insecure' -l 'insecure' -d 'Skip TLS certificate verification (unsafe).'
complete -c 'slotscope' -n '__slotscope_should_offer_completions_for_flags_or_options "slotscope check" read-only' -l 'read-only' -d 'Never change anything: refuse every command but reads (also SLOTSCOPE_READONLY=1).'
complete -c 'slotscope' -n '__slotscope_should_offer_completions_for_flags_or_options "slotscope check" timeout' -l 'timeout' -d 'Connect and reply timeout, e.g. 2s or 500ms.' -rfka ''
complete -c 'slotscope' -n '__slotscope_should_offer_completions_for_flags_or_options "slotscope check" version' -l 'version' -d 'Show the version.'
complete -c 'slotscope' -n '__slotscope_should_offer_completions_for_flags_or_options "slotscope check" help' -l 'help' -d 'Show help information.'
complete -c 'slotscope' -n '__slotscope_should_offer_completions_for_flags_or_options "slotscope fix" dry-run' -l 'dry-run' -d 'Print the exact commands and change nothing.'
complete -c 'slotscope' -n '__slotscope_should_offer_completions_for_flags_or_options "slotscope fix" yes' -l 'yes' -d 'Run without the typed confirmation.'
complete -c 'slotscope' -n '__slotscope_should_offer_completions_for_flags_or_options "slotscope fix" replace' -l 'replace' -d 'Overwrite keys that exist on the target with a different value (MIGRATE … REPLACE).'
complete -c 'slotscope' -n '__slotscope_should_offer_completions_for_flags_or_options "slotscope fix" pipeline' -l 'pipeline' -d 'Keys per GETKEYSINSLOT/MIGRATE batch.' -rfka ''
complete -c 'slotscope' -n '__slotscope_should_offer_completions_for_flags_or_options "slotscope fix" owner' -l 'owner' -d 'Who keeps a slot whose importer holds more keys than its owner: owner or importer.' -rfka ''
complete -c 'slotscope' -n '__slotscope_should_offer_completions_for_flags_or_options "slotscope fix" resume' -l 'resume' -d 'Continue the last interrupted fix from its journal.'
complete -c 'slotscope' -n '__slotscope_should_offer_completions_for_flags_or_options "slotscope fix" journal' -l 'journal' -d 'Journal folder (default $XDG_STATE_HOME/slotscope or ~/.local/state/slotscope).' -rfka ''
complete -c 'slotscope' -n '__slotscope_should_offer_completions_for_flags_or_options "slotscope fix" force-unreachable' -l 'force-unreachable' -d 'Run even though a node involved is unreachable.'
complete -c 'slotscope' -n '__slotscope_should_offer_completions_for_flags_or_options "slotscope fix"' -l 'map' -d 'Reach an announced address through another: FROM=TO, e.g. 10.244.3.239:6379=127.0.0.1:7001 or a CIDR 10.244.0.0/16=127.0.0.1 (repeatable).' -rfka ''
complete -c 'slotscope' -n '__slotscope_should_offer_completions_for_flags_or_options "slotscope fix" single-endpoint' -l 'single-endpoint' -d 'Inspect through the given node only; report the others instead of dialing them.'
complete -c 'slotscope' -n '__slotscope_should_offer_completions_for_flags_or_options "slotscope fix" h host' -s 'h' -l 'host' -d 'Server hostname or IP (default: 127.0.0.1).' -rfka ''
complete -c 'slotscope' -n '__slotscope_should_offer_completions_for_flags_or_options "slotscope fix" p port' -s 'p' -l 'port' -d 'Server port (default: 6379).' -rfka ''
complete -c 'slotscope' -n '__slotscope_should_offer_completions_for_flags_or_options "slotscope fix" u uri' -s 'u' -l 'uri' -d 'Server URI: redis://[user:password@]host[:port] or rediss://… for TLS.' -rfka ''
complete -c 'slotscope' -n '__slotscope_should_offer_completions_for_flags_or_options "slotscope fix" a pass' -s 'a' -l 'pass' -d 'Password (visible in ps: prefer REDISCLI_AUTH, --askpass or --pass-file).' -rfka ''
complete -c 'slotscope' -n '__slotscope_should_offer_completions_for_flags_or_options "slotscope fix" pass-file' -l 'pass-file' -d 'Read the password from the first line of this file.' -rfka ''
complete -c 'slotscope' -n '__slotscope_should_offer_completions_for_flags_or_options "slotscope fix" askpass' -l 'askpass' -d 'Prompt for the password on the terminal.'
complete -c 'slotscope' -n '__slotscope_should_offer_completions_for_flags_or_options "slotscope fix" user' -l 'user' -d 'ACL user name (Redis 6+).' -rfka ''
complete -c 'slotscope' -n '__slotscope_should_offer_completions_for_flags_or_options "slotscope fix" tls' -l 'tls' -d 'Connect with TLS.'
complete -c 'slotscope' -n '__slotscope_should_offer_completions_for_flags_or_options "slotscope fix" sni' -l 'sni' -d 'Server name for TLS SNI and certificate checks.' -rfka ''
complete -c 'slotscope' -n '__slotscope_should_offer_completions_for_flags_or_options "slotscope fix" cacert' -l 'cacert' -d 'CA certificate file to verify the server with.' -rfka ''
complete -c 'slotscope' -n '__slotscope_should_offer_completions_for_flags_or_options "slotscope fix" cacertdir' -l 'cacertdir' -d 'Directory of trusted CA certificates.' -rfka ''
complete -c 'slotscope' -n '__slotscope_should_offer_completions_for_flags_or_options "slotscope fix" cert' -l 'cert' -d 'Client certificate to authenticate with.' -rfka ''
complete -c 'slotscope' -n '__slotscope_should_offer_completions_for_flags_or_options "slotscope fix" key' -l 'key' -d 'Private key of the client certificate.' -rfka ''
complete -c 'slotscope' -n '__slotscope_should_offer_completions_for_flags_or_options "slotscope fix" insecure' -l 'insecure' -d 'Skip TLS certificate verification (unsafe).'
complete -c 'slotscope' -n '__slotscope_should_offer_completions_for_flags_or_options "slotscope fix" read-only' -l 'read-only' -d 'Never change anything: refuse every command but reads (also SLOTSCOPE_READONLY=1).'
complete -c 'slotscope' -n '__slotscope_should_offer_completions_for_flags_or_options "slotscope fix" timeout' -l 'timeout' -d 'Connect and reply timeout, e.g. 2s or 500ms.' -rfka ''
complete -c 'slotscope' -n '__slotscope_should_offer_completions_for_flags_or_options "slotscope fix" version' -l 'version' -d 'Show the version.'
complete -c 'slotscope' -n '__slotscope_should_offer_completions_for_flags_or_options "slotscope fix" help' -l 'help' -d 'Show help information.'
complete -c 'slotscope' -n '__slotscope_should_offer_completions_for_flags_or_options "slotscope snapshot" json' -l 'json' -d 'JSON output (the only format; accepted for symmetry with check).'
complete -c 'slotscope' -n '__slotscope_should_offer_completions_for_flags_or_options "slotscope snapshot" key-census' -l 'key-census' -d 'Also count keys per slot on every master (finds keys on non-owners).'
complete -c 'slotscope' -n '__slotscope_should_offer_completions_for_flags_or_options "slotscope snapshot"' -l 'sentinel' -d 'A sentinel to start from, as HOST:PORT (default port 26379; repeatable). The other sentinels and the data nodes are discovered from it.' -rfka ''
complete -c 'slotscope' -n '__slotscope_should_offer_completions_for_flags_or_options "slotscope snapshot"' -l 'master-name' -d 'The monitored group to inspect (repeatable; default: every group the sentinels monitor).' -rfka ''
complete -c 'slotscope' -n '__slotscope_should_offer_completions_for_flags_or_options "slotscope snapshot"' -l 'map' -d 'Reach an announced address through another: FROM=TO, e.g. 10.244.3.239:6379=127.0.0.1:7001 or a CIDR 10.244.0.0/16=127.0.0.1 (repeatable).' -rfka ''
complete -c 'slotscope' -n '__slotscope_should_offer_completions_for_flags_or_options "slotscope snapshot" single-endpoint' -l 'single-endpoint' -d 'Inspect through the given node only; report the others instead of dialing them.'
complete -c 'slotscope' -n '__slotscope_should_offer_completions_for_flags_or_options "slotscope snapshot" h host' -s 'h' -l 'host' -d 'Server hostname or IP (default: 127.0.0.1).' -rfka ''
complete -c 'slotscope' -n '__slotscope_should_offer_completions_for_flags_or_options "slotscope snapshot" p port' -s 'p' -l 'port' -d 'Server port (default: 6379).' -rfka ''
complete -c 'slotscope' -n '__slotscope_should_offer_completions_for_flags_or_options "slotscope snapshot" u uri' -s 'u' -l 'uri' -d 'Server URI: redis://[user:password@]host[:port] or rediss://… for TLS.' -rfka ''
complete -c 'slotscope' -n '__slotscope_should_offer_completions_for_flags_or_options "slotscope snapshot" a pass' -s 'a' -l 'pass' -d 'Password (visible in ps: prefer REDISCLI_AUTH, --askpass or --pass-file).' -rfka ''
complete -c 'slotscope' -n '__slotscope_should_offer_completions_for_flags_or_options "slotscope snapshot" pass-file' -l 'pass-file' -d 'Read the password from the first line of this file.' -rfka ''
complete -c 'slotscope' -n '__slotscope_should_offer_completions_for_flags_or_options "slotscope snapshot" askpass' -l 'askpass' -d 'Prompt for the password on the terminal.'
complete -c 'slotscope' -n '__slotscope_should_offer_completions_for_flags_or_options "slotscope snapshot" user' -l 'user' -d 'ACL user name (Redis 6+).' -rfka ''
complete -c 'slotscope' -n '__slotscope_should_offer_completions_for_flags_or_options "slotscope snapshot" tls' -l 'tls' -d 'Connect with TLS.'
complete -c 'slotscope' -n '__slotscope_should_offer_completions_for_flags_or_options "slotscope snapshot" sni' -l 'sni' -d 'Server name for TLS SNI and certificate checks.' -rfka ''
complete -c 'slotscope' -n '__slotscope_should_offer_completions_for_flags_or_options "slotscope snapshot" cacert' -l 'cacert' -d 'CA certificate file to verify the server with.' -rfka ''
complete -c 'slotscope' -n '__slotscope_should_offer_completions_for_flags_or_options "slotscope snapshot" cacertdir' -l 'cacertdir' -d 'Directory of trusted CA certificates.' -rfka ''
complete -c 'slotscope' -n '__slotscope_should_offer_completions_for_flags_or_options "slotscope snapshot" cert' -l 'cert' -d 'Client certificate to authenticate with.' -rfka ''
complete -c 'slotscope' -n '__slotscope_should_offer_completions_for_flags_or_options "slotscope snapshot" key' -l 'key' -d 'Private key of the client certificate.' -rfka ''
complete -c 'slotscope' -n '__slotscope_should_offer_completions_for_flags_or_options "slotscope snapshot" insecure' -l 'insecure' -d 'Skip TLS certificate verification (unsafe).'
complete -c 'slotscope' -n '__slotscope_should_offer_completions_for_flags_or_options "slotscope snapshot" read-only' -l 'read-only' -d 'Never change anything: refuse every command but reads (also SLOTSCOPE_READONLY=1).'
complete -c 'slotscope' -n '__slotscope_should_offer_completions_for_flags_or_options "slotscope snapshot" timeout' -l 'timeout' -d 'Connect and reply timeout, e.g. 2s or 500ms.' -rfka ''
complete -c 'slotscope' -n '__slotscope_should_offer_completions_for_flags_or_options "slotscope snapshot" version' -l 'version' -d 'Show the version.'
complete -c 'slotscope' -n '__slotscope_should_offer_completions_for_flags_or_options "slotscope snapshot" help' -l 'help' -d 'Show help information.'
complete -c 'slotscope' -n '__slotscope_should_offer_completions_for_flags_or_options "slotscope watch" interval' -l 'interval' -d 'Time between polls, e.g. 1s or 500ms.' -rfka ''
complete -c 'slotscope' -n '__slotscope_should_offer_completions_for_flags_or_options "slotscope watch" count' -l 'count' -d 'Stop after this many polls (default: run until interrupted).' -rfka ''
complete -c 'slotscope' -n '__slotscope_should_offer_completions_for_flags_or_options "slotscope watch" json' -l 'json' -d 'One JSON object per event and line.'
complete -c 'slotscope' -n '__slotscope_should_offer_completions_for_flags_or_options "slotscope watch" record' -l 'record' -d 'Also record every poll to FILE (for `slotscope replay`).' -rfka ''
complete -c 'slotscope' -n '__slotscope_should_offer_completions_for_flags_or_options "slotscope watch" settle' -l 'settle' -d 'With --sentinel: how long to wait for the other sentinels\' copies of an event before printing it, e.g. 1s or 0.' -rfka ''
complete -c 'slotscope' -n '__slotscope_should_offer_completions_for_flags_or_options "slotscope watch"' -l 'sentinel' -d 'A sentinel to start from, as HOST:PORT (default port 26379; repeatable). The other sentinels and the data nodes are discovered from it.' -rfka ''
complete -c 'slotscope' -n '__slotscope_should_offer_completions_for_flags_or_options "slotscope watch"' -l 'master-name' -d 'The monitored group to inspect (repeatable; default: every group the sentinels monitor).' -rfka ''
complete -c 'slotscope' -n '__slotscope_should_offer_completions_for_flags_or_options "slotscope watch"' -l 'map' -d 'Reach an announced address through another: FROM=TO, e.g. 10.244.3.239:6379=127.0.0.1:7001 or a CIDR 10.244.0.0/16=127.0.0.1 (repeatable).' -rfka ''
complete -c 'slotscope' -n '__slotscope_should_offer_completions_for_flags_or_options "slotscope watch" single-endpoint' -l 'single-endpoint' -d 'Inspect through the given node only; report the others instead of dialing them.'
complete -c 'slotscope' -n '__slotscope_should_offer_completions_for_flags_or_options "slotscope watch" h host' -s 'h' -l 'host' -d 'Server hostname or IP (default: 127.0.0.1).' -rfka ''
complete -c 'slotscope' -n '__slotscope_should_offer_completions_for_flags_or_options "slotscope watch" p port' -s 'p' -l 'port' -d 'Server port (default: 6379).' -rfka ''
complete -c 'slotscope' -n '__slotscope_should_offer_completions_for_flags_or_options "slotscope watch" u uri' -s 'u' -l 'uri' -d 'Server URI: redis://[user:password@]host[:port] or rediss://… for TLS.' -rfka ''
complete -c 'slotscope' -n '__slotscope_should_offer_completions_for_flags_or_options "slotscope watch" a pass' -s 'a' -l 'pass' -d 'Password (visible in ps: prefer REDISCLI_AUTH, --askpass or --pass-file).' -rfka ''
complete -c 'slotscope' -n '__slotscope_should_offer_completions_for_flags_or_options "slotscope watch" pass-file' -l 'pass-file' -d 'Read the password from the first line of this file.' -rfka ''
complete -c 'slotscope' -n '__slotscope_should_offer_completions_for_flags_or_options "slotscope watch" askpass' -l 'askpass' -d 'Prompt for the password on the terminal.'
complete -c 'slotscope' -n '__slotscope_should_offer_completions_for_flags_or_options "slotscope watch" user' -l 'user' -d 'ACL user name (Redis 6+).' -rfka ''
complete -c 'slotscope' -n '__slotscope_should_offer_completions_for_flags_or_options "slotscope watch" tls' -l 'tls' -d 'Connect with TLS.'
complete -c 'slotscope' -n '__slotscope_should_offer_completions_for_flags_or_options "slotscope watch" sni' -l 'sni' -d 'Server name for TLS SNI and certificate checks.' -rfka ''
complete -c 'slotscope' -n '__slotscope_should_offer_completions_for_flags_or_options "slotscope watch" cacert' -l 'cacert' -d 'CA certificate file to verify the server with.' -rfka ''
complete -c 'slotscope' -n '__slotscope_should_offer_completions_for_flags_or_options "slotscope watch" cacertdir' -l 'cacertdir' -d 'Directory of trusted CA certificates.' -rfka ''
complete -c 'slotscope' -n '__slotscope_should_offer_completions_for_flags_or_options "slotscope watch" cert' -l 'cert' -d 'Client certificate to authenticate with.' -rfka ''
complete -c 'slotscope' -n '__slotscope_should_offer_completions_for_flags_or_options "slotscope watch" key' -l 'key' -d 'Private key of the client certificate.' -rfka ''
complete -c 'slotscope' -n '__slotscope_should_offer_completions_for_flags_or_options "slotscope watch" insecure' -l 'insecure' -d 'Skip TLS certificate verification (unsafe).'
complete -c 'slotscope' -n '__slotscope_should_offer_completions_for_flags_or_options "slotscope watch" read-only' -l 'read-only' -d 'Never change anything: refuse every command but reads (also SLOTSCOPE_READONLY=1).'
complete -c 'slotscope' -n '__slotscope_should_offer_completions_for_flags_or_options "slotscope watch" timeout' -l 'timeout' -d 'Connect and reply timeout, e.g. 2s or 500ms.' -rfka ''
complete -c 'slotscope' -n '__slotscope_should_offer_completions_for_flags_or_options "slotscope watch" version' -l 'version' -d 'Show the version.'
complete -c 'slotscope' -n '__slotscope_should_offer_completions_for_flags_or_options "slotscope watch" help' -l 'help' -d 'Show help information.'
complete -c 'slotscope' -n '__slotscope_should_offer_completions_for_flags_or_options "slotscope record" interval' -l 'interval' -d 'Time between polls, e.g. 1s or 500ms.' -rfka ''
complete -c 'slotscope' -n '__slotscope_should_offer_completions_for_flags_or_options "slotscope record" count' -l 'count' -d 'Stop after this many polls (default: run until interrupted).' -rfka ''
complete -c 'slotscope' -n '__slotscope_should_offer_completions_for_flags_or_options "slotscope record"' -l 'map' -d 'Reach an announced address through another: FROM=TO, e.g. 10.244.3.239:6379=127.0.0.1:7001 or a CIDR 10.244.0.0/16=127.0.0.1 (repeatable).' -rfka ''
complete -c 'slotscope' -n '__slotscope_should_offer_completions_for_flags_or_options "slotscope record" single-endpoint' -l 'single-endpoint' -d 'Inspect through the given node only; report the others instead of dialing them.'
complete -c 'slotscope' -n '__slotscope_should_offer_completions_for_flags_or_options "slotscope record" h host' -s 'h' -l 'host' -d 'Server hostname or IP (default: 127.0.0.1).' -rfka ''
complete -c 'slotscope' -n '__slotscope_should_offer_completions_for_flags_or_options "slotscope record" p port' -s 'p' -l 'port' -d 'Server port (default: 6379).' -rfka ''
complete -c 'slotscope' -n '__slotscope_should_offer_completions_for_flags_or_options "slotscope record" u uri' -s 'u' -l 'uri' -d 'Server URI: redis://[user:password@]host[:port] or rediss://… for TLS.' -rfka ''
complete -c 'slotscope' -n '__slotscope_should_offer_completions_for_flags_or_options "slotscope record" a pass' -s 'a' -l 'pass' -d 'Password (visible in ps: prefer REDISCLI_AUTH, --askpass or --pass-file).' -rfka ''
complete -c 'slotscope' -n '__slotscope_should_offer_completions_for_flags_or_options "slotscope record" pass-file' -l 'pass-file' -d 'Read the password from the first line of this file.' -rfka ''
complete -c 'slotscope' -n '__slotscope_should_offer_completions_for_flags_or_options "slotscope record" askpass' -l 'askpass' -d 'Prompt for the password on the terminal.'
complete -c 'slotscope' -n '__slotscope_should_offer_completions_for_flags_or_options "slotscope record" user' -l 'user' -d 'ACL user name (Redis 6+).' -rfka ''
complete -c 'slotscope' -n '__slotscope_should_offer_completions_for_flags_or_options "slotscope record" tls' -l 'tls' -d 'Connect with TLS.'
complete -c 'slotscope' -n '__slotscope_should_offer_completions_for_flags_or_options "slotscope record" sni' -l 'sni' -d 'Server name for TLS SNI and certificate checks.' -rfka ''
complete -c 'slotscope' -n '__slotscope_should_offer_completions_for_flags_or_options "slotscope record" cacert' -l 'cacert' -d 'CA certificate file to verify the server with.' -rfka ''
complete -c 'slotscope' -n '__slotscope_should_offer_completions_for_flags_or_options "slotscope record" cacertdir' -l 'cacertdir' -d 'Directory of trusted CA certificates.' -rfka ''
complete -c 'slotscope' -n '__slotscope_should_offer_completions_for_flags_or_options "slotscope record" cert' -l 'cert' -d 'Client certificate to authenticate with.' -rfka ''
complete -c 'slotscope' -n '__slotscope_should_offer_completions_for_flags_or_options "slotscope record" key' -l 'key' -d 'Private key of the client certificate.' -rfka ''
complete -c 'slotscope' -n '__slotscope_should_offer_completions_for_flags_or_options "slotscope record" insecure' -l 'insecure' -d 'Skip TLS certificate verification (unsafe).'
complete -c 'slotscope' -n '__slotscope_should_offer_completions_for_flags_or_options "slotscope record" read-only' -l 'read-only' -d 'Never change anything: refuse every command but reads (also SLOTSCOPE_READONLY=1).'
complete -c 'slotscope' -n '__slotscope_should_offer_completions_for_flags_or_options "slotscope record" timeout' -l 'timeout' -d 'Connect and reply timeout, e.g. 2s or 500ms.' -rfka ''
complete -c 'slotscope' -n '__slotscope_should_offer_completions_for_flags_or_options "slotscope record" version' -l 'version' -d 'Show the version.'
complete -c 'slotscope' -n '__slotscope_should_offer_completions_for_flags_or_options "slotscope record" help' -l 'help' -d 'Show help information.'
complete -c 'slotscope' -n '__slotscope_should_offer_completions_for_flags_or_options "slotscope replay" speed' -l 'speed' -d 'Start at this speed: 0.25, 0.5, 1, 2, 4 … 64 times the recorded pace.' -rfka ''
complete -c 'slotscope' -n '__slotscope_should_offer_completions_for_flags_or_options "slotscope replay" paused' -l 'paused' -d 'Start paused (step with . or n).'
complete -c 'slotscope' -n '__slotscope_should_offer_completions_for_flags_or_options "slotscope replay" no-color' -l 'no-color' -d 'No colours (also NO_COLOR); meaning is carried by text and marks.'
complete -c 'slotscope' -n '__slotscope_should_offer_completions_for_flags_or_options "slotscope replay" ascii' -l 'ascii' -d 'ASCII lines and marks only, even in a UTF-8 locale.'
complete -c 'slotscope' -n '__slotscope_should_offer_completions_for_flags_or_options "slotscope replay" version' -l 'version' -d 'Show the version.'
complete -c 'slotscope' -n '__slotscope_should_offer_completions_for_flags_or_options "slotscope replay" help' -l 'help' -d 'Show help information.'
complete -c 'slotscope' -n '__slotscope_should_offer_completions_for_flags_or_options "slotscope explain"' -l 'map' -d 'Reach an announced address through another: FROM=TO, e.g. 10.244.3.239:6379=127.0.0.1:7001 or a CIDR 10.244.0.0/16=127.0.0.1 (repeatable).' -rfka ''
complete -c 'slotscope' -n '__slotscope_should_offer_completions_for_flags_or_options "slotscope explain" single-endpoint' -l 'single-endpoint' -d 'Inspect through the given node only; report the others instead of dialing them.'
complete -c 'slotscope' -n '__slotscope_should_offer_completions_for_flags_or_options "slotscope explain" h host' -s 'h' -l 'host' -d 'Server hostname or IP (default: 127.0.0.1).' -rfka ''
complete -c 'slotscope' -n '__slotscope_should_offer_completions_for_flags_or_options "slotscope explain" p port' -s 'p' -l 'port' -d 'Server port (default: 6379).' -rfka ''
complete -c 'slotscope' -n '__slotscope_should_offer_completions_for_flags_or_options "slotscope explain" u uri' -s 'u' -l 'uri' -d 'Server URI: redis://[user:password@]host[:port] or rediss://… for TLS.' -rfka ''
complete -c 'slotscope' -n '__slotscope_should_offer_completions_for_flags_or_options "slotscope explain" a pass' -s 'a' -l 'pass' -d 'Password (visible in ps: prefer REDISCLI_AUTH, --askpass or --pass-file).' -rfka ''
complete -c 'slotscope' -n '__slotscope_should_offer_completions_for_flags_or_options "slotscope explain" pass-file' -l 'pass-file' -d 'Read the password from the first line of this file.' -rfka ''
complete -c 'slotscope' -n '__slotscope_should_offer_completions_for_flags_or_options "slotscope explain" askpass' -l 'askpass' -d 'Prompt for the password on the terminal.'
complete -c 'slotscope' -n '__slotscope_should_offer_completions_for_flags_or_options "slotscope explain" user' -l 'user' -d 'ACL user name (Redis 6+).' -rfka ''
complete -c 'slotscope' -n '__slotscope_should_offer_completions_for_flags_or_options "slotscope explain" tls' -l 'tls' -d 'Connect with TLS.'
complete -c 'slotscope' -n '__slotscope_should_offer_completions_for_flags_or_options "slotscope explain" sni' -l 'sni' -d 'Server name for TLS SNI and certificate checks.' -rfka ''
complete -c 'slotscope' -n '__slotscope_should_offer_completions_for_flags_or_options "slotscope explain" cacert' -l 'cacert' -d 'CA certificate file to verify the server with.' -rfka ''
complete -c 'slotscope' -n '__slotscope_should_offer_completions_for_flags_or_options "slotscope explain" cacertdir' -l 'cacertdir' -d 'Directory of trusted CA certificates.' -rfka ''
complete -c 'slotscope' -n '__slotscope_should_offer_completions_for_flags_or_options "slotscope explain" cert' -l 'cert' -d 'Client certificate to authenticate with.' -rfka ''
complete -c 'slotscope' -n '__slotscope_should_offer_completions_for_flags_or_options "slotscope explain" key' -l 'key' -d 'Private key of the client certificate.' -rfka ''
complete -c 'slotscope' -n '__slotscope_should_offer_completions_for_flags_or_options "slotscope explain" insecure' -l 'insecure' -d 'Skip TLS certificate verification (unsafe).'
complete -c 'slotscope' -n '__slotscope_should_offer_completions_for_flags_or_options "slotscope explain" read-only' -l 'read-only' -d 'Never change anything: refuse every command but reads (also SLOTSCOPE_READONLY=1).'
complete -c 'slotscope' -n '__slotscope_should_offer_completions_for_flags_or_options "slotscope explain" timeout' -l 'timeout' -d 'Connect and reply timeout, e.g. 2s or 500ms.' -rfka ''
complete -c 'slotscope' -n '__slotscope_should_offer_completions_for_flags_or_options "slotscope explain" version' -l 'version' -d 'Show the version.'
complete -c 'slotscope' -n '__slotscope_should_offer_completions_for_flags_or_options "slotscope explain" help' -l 'help' -d 'Show help information.'
complete -c 'slotscope' -n '__slotscope_should_offer_completions_for_flags_or_options "slotscope ping" count' -l 'count' -d 'How many PINGs to time.' -rfka ''
complete -c 'slotscope' -n '__slotscope_should_offer_completions_for_flags_or_options "slotscope ping" h host' -s 'h' -l 'host' -d 'Server hostname or IP (default: 127.0.0.1).' -rfka ''
complete -c 'slotscope' -n '__slotscope_should_offer_completions_for_flags_or_options "slotscope ping" p port' -s 'p' -l 'port' -d 'Server port (default: 6379).' -rfka ''
complete -c 'slotscope' -n '__slotscope_should_offer_completions_for_flags_or_options "slotscope ping" u uri' -s 'u' -l 'uri' -d 'Server URI: redis://[user:password@]host[:port] or rediss://… for TLS.' -rfka ''
complete -c 'slotscope' -n '__slotscope_should_offer_completions_for_flags_or_options "slotscope ping" a pass' -s 'a' -l 'pass' -d 'Password (visible in ps: prefer REDISCLI_AUTH, --askpass or --pass-file).' -rfka ''
complete -c 'slotscope' -n '__slotscope_should_offer_completions_for_flags_or_options "slotscope ping" pass-file' -l 'pass-file' -d 'Read the password from the first line of this file.' -rfka ''
complete -c 'slotscope' -n '__slotscope_should_offer_completions_for_flags_or_options "slotscope ping" askpass' -l 'askpass' -d 'Prompt for the password on the terminal.'
complete -c 'slotscope' -n '__slotscope_should_offer_completions_for_flags_or_options "slotscope ping" user' -l 'user' -d 'ACL user name (Redis 6+).' -rfka ''
complete -c 'slotscope' -n '__slotscope_should_offer_completions_for_flags_or_options "slotscope ping" tls' -l 'tls' -d 'Connect with TLS.'
complete -c 'slotscope' -n '__slotscope_should_offer_completions_for_flags_or_options "slotscope ping" sni' -l 'sni' -d 'Server name for TLS SNI and certificate checks.' -rfka ''
complete -c 'slotscope' -n '__slotscope_should_offer_completions_for_flags_or_options "slotscope ping" cacert' -l 'cacert' -d 'CA certificate file to verify the server with.' -rfka ''
complete -c 'slotscope' -n '__slotscope_should_offer_completions_for_flags_or_options "slotscope ping" cacertdir' -l 'cacertdir' -d 'Directory of trusted CA certificates.' -rfka ''
complete -c 'slotscope' -n '__slotscope_should_offer_completions_for_flags_or_options "slotscope ping" cert' -l 'cert' -d 'Client certificate to authenticate with.' -rfka ''
complete -c 'slotscope' -n '__slotscope_should_offer_completions_for_flags_or_options "slotscope ping" key' -l 'key' -d 'Private key of the client certificate.' -rfka ''
complete -c 'slotscope' -n '__slotscope_should_offer_completions_for_flags_or_options "slotscope ping" insecure' -l 'insecure' -d 'Skip TLS certificate verification (unsafe).'
complete -c 'slotscope' -n '__slotscope_should_offer_completions_for_flags_or_options "slotscope ping" read-only' -l 'read-only' -d 'Never change anything: refuse every command but reads (also SLOTSCOPE_READONLY=1).'
complete -c 'slotscope' -n '__slotscope_should_offer_completions_for_flags_or_options "slotscope ping" timeout' -l 'timeout' -d 'Connect and reply timeout, e.g. 2s or 500ms.' -rfka ''
complete -c 'slotscope' -n '__slotscope_should_offer_completions_for_flags_or_options "slotscope ping" version' -l 'version' -d 'Show the version.'
complete -c 'slotscope' -n '__slotscope_should_offer_completions_for_flags_or_options "slotscope ping" help' -l 'help' -d 'Show help information.'
complete -c 'slotscope' -n '__slotscope_should_offer_completions_for_flags_or_options "slotscope demo" masters' -l 'masters' -d 'Masters in the sandbox cluster.' -rfka ''
complete -c 'slotscope' -n '__slotscope_should_offer_completions_for_flags_or_options "slotscope demo" replicas' -l 'replicas' -d 'Replicas per master.' -rfka ''
complete -c 'slotscope' -n '__slotscope_should_offer_completions_for_flags_or_options "slotscope demo" keep' -l 'keep' -d 'Keep the sandbox running until Ctrl-C.'
complete -c 'slotscope' -n '__slotscope_should_offer_completions_for_flags_or_options "slotscope demo" read-only' -l 'read-only' -d 'Open the inspector in read-only mode (also SLOTSCOPE_READONLY=1).'
complete -c 'slotscope' -n '__slotscope_should_offer_completions_for_flags_or_options "slotscope demo" interval' -l 'interval' -d 'Time between polls in the interactive UI, e.g. 1s or 500ms.' -rfka ''
complete -c 'slotscope' -n '__slotscope_should_offer_completions_for_flags_or_options "slotscope demo" no-color' -l 'no-color' -d 'No colours (also NO_COLOR); meaning is carried by text and marks.'
complete -c 'slotscope' -n '__slotscope_should_offer_completions_for_flags_or_options "slotscope demo" ascii' -l 'ascii' -d 'ASCII lines and marks only, even in a UTF-8 locale.'
complete -c 'slotscope' -n '__slotscope_should_offer_completions_for_flags_or_options "slotscope demo" version' -l 'version' -d 'Show the version.'
complete -c 'slotscope' -n '__slotscope_should_offer_completions_for_flags_or_options "slotscope demo" help' -l 'help' -d 'Show help information.'
complete -c 'slotscope' -n '__slotscope_should_offer_completions_for_flags_or_options "slotscope acl" user' -l 'user' -d 'The user name.' -rfka ''
complete -c 'slotscope' -n '__slotscope_should_offer_completions_for_flags_or_options "slotscope acl" sentinel' -l 'sentinel' -d 'Rules for sentinels instead of data nodes.'
complete -c 'slotscope' -n '__slotscope_should_offer_completions_for_flags_or_options "slotscope acl" server-version' -l 'server-version' -d 'Oldest server version the rules must load on: 6.2, 7.0 or 7.2 (a server refuses rules naming commands it lacks).' -rfka ''
complete -c 'slotscope' -n '__slotscope_should_offer_completions_for_flags_or_options "slotscope acl" version' -l 'version' -d 'Show the version.'
complete -c 'slotscope' -n '__slotscope_should_offer_completions_for_flags_or_options "slotscope acl" help' -l 'help' -d 'Show help information.'
complete -c 'slotscope' -n '__slotscope_should_offer_completions_for_flags_or_options "slotscope help" version' -l 'version' -d 'Show the version.'
