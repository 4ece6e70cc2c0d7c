#!/bin/bash

__slotscope_cursor_index_in_current_word() {
    local remaining="${COMP_LINE}"

    local word
    for word in "${COMP_WORDS[@]::COMP_CWORD}"; do
        remaining="${remaining##*([[:space:]])"${word}"*([[:space:]])}"
    done

    local -ir index="$((COMP_POINT - ${#COMP_LINE} + ${#remaining}))"
    if [[ "${index}" -le 0 ]]; then
        printf 0
    else
        printf %s "${index}"
    fi
}

# positional arguments:
#
# - 1: the current (sub)command's count of positional arguments
#
# required variables:
#
# - repeating_flags: the repeating flags that the current (sub)command can accept
# - non_repeating_flags: the non-repeating flags that the current (sub)command can accept
# - repeating_options: the repeating options that the current (sub)command can accept
# - non_repeating_options: the non-repeating options that the current (sub)command can accept
# - positional_number: value ignored
# - unparsed_words: unparsed words from the current command line
#
# modified variables:
#
# - non_repeating_flags: remove flags for this (sub)command that are already on the command line
# - non_repeating_options: remove options for this (sub)command that are already on the command line
# - positional_number: set to the current positional number
# - unparsed_words: remove all flags, options, and option values for this (sub)command
__slotscope_offer_flags_options() {
    local -ir positional_count="${1}"
    positional_number=0

    local was_flag_option_terminator_seen=false
    local is_parsing_option_value=false

    local -ar unparsed_word_indices=("${!unparsed_words[@]}")
    local -i word_index
    for word_index in "${unparsed_word_indices[@]}"; do
        if "${is_parsing_option_value}"; then
            # This word is an option value:
            # Reset marker for next word iff not currently the last word
            [[ "${word_index}" -ne "${unparsed_word_indices[${#unparsed_word_indices[@]} - 1]}" ]] && is_parsing_option_value=false
            unset "unparsed_words[${word_index}]"
            # Do not process this word as a flag or an option
            continue
        fi

        local word="${unparsed_words["${word_index}"]}"
        if ! "${was_flag_option_terminator_seen}"; then
            case "${word}" in
            --)
                unset "unparsed_words[${word_index}]"
                # by itself -- is a flag/option terminator, but if it is the last word, it is the start of a completion
                if [[ "${word_index}" -ne "${unparsed_word_indices[${#unparsed_word_indices[@]} - 1]}" ]]; then
                    was_flag_option_terminator_seen=true
                fi
                continue
                ;;
            -*)
                # ${word} is a flag or an option
                # If ${word} is an option, mark that the next word to be parsed is an option value
                local option
                for option in "${repeating_options[@]}" "${non_repeating_options[@]}"; do
                    [[ "${word}" = "${option}" ]] && is_parsing_option_value=true && break
                done

                # Remove ${word} from ${non_repeating_flags} or ${non_repeating_options} so it isn't offered again
                local not_found=true
                local -i index
                for index in "${!non_repeating_flags[@]}"; do
                    if [[ "${non_repeating_flags[${index}]}" = "${word}" ]]; then
                        unset "non_repeating_flags[${index}]"
                        non_repeating_flags=("${non_repeating_flags[@]}")
                        not_found=false
                        break
                    fi
                done
                if "${not_found}"; then
                    for index in "${!non_repeating_flags[@]}"; do
                        if [[ "${non_repeating_flags[${index}]}" = "${word}" ]]; then
                            unset "non_repeating_flags[${index}]"
                            non_repeating_flags=("${non_repeating_flags[@]}")
                            break
                        fi
                    done
                fi
                unset "unparsed_words[${word_index}]"
                continue
                ;;
            esac
        fi

        # ${word} is neither a flag, nor an option, nor an option value
        if [[ "${positional_number}" -lt "${positional_count}" || "${positional_count}" -lt 0 ]]; then
            # ${word} is a positional
            ((positional_number++))
            unset "unparsed_words[${word_index}]"
        else
            if [[ -z "${word}" ]]; then
                # Could be completing a flag, option, or subcommand
                positional_number=-1
            else
                # ${word} is a subcommand or invalid, so stop processing this (sub)command
                positional_number=-2
            fi
            break
        fi
    done

    unparsed_words=("${unparsed_words[@]}")

    if\
        ! "${was_flag_option_terminator_seen}"\
        && ! "${is_parsing_option_value}"\
        && [[ ("${cur}" = -* && "${positional_number}" -ge 0) || "${positional_number}" -eq -1 ]]
    then
        COMPREPLY+=($(compgen -W "${repeating_flags[*]} ${non_repeating_flags[*]} ${repeating_options[*]} ${non_repeating_options[*]}" -- "${cur}"))
    fi
}

__slotscope_add_completions() {
    local completion
    while IFS='' read -r completion; do
        COMPREPLY+=("${completion}")
    done < <(IFS=$'\n' compgen "${@}" -- "${cur}")
}

__slotscope_custom_complete() {
    if [[ -n "${cur}" || -z ${COMP_WORDS[${COMP_CWORD}]} || "${COMP_LINE:${COMP_POINT}:1}" != ' ' ]]; then
        local -ar words=("${COMP_WORDS[@]}")
    else
        local -ar words=("${COMP_WORDS[@]::${COMP_CWORD}}" '' "${COMP_WORDS[@]:${COMP_CWORD}}")
    fi

    "${COMP_WORDS[0]}" "${@}" "${words[@]}"
}

_slotscope() {
    local state
    state="$(shopt -p;shopt -po)"
    trap "${state//$'\n'/;}" RETURN
    shopt -s extglob
    set +o history +o posix

    local -xr SAP_SHELL=bash
    local -x SAP_SHELL_VERSION
    SAP_SHELL_VERSION="$(IFS='.';printf %s "${BASH_VERSINFO[*]}")"
    local -r SAP_SHELL_VERSION

    local -r cur="${2}"
    local -r prev="${3}"

    local -i positional_number
    local -a unparsed_words=("${COMP_WORDS[@]:1:${COMP_CWORD}}")

    local -a repeating_flags=()
    local -a non_repeating_flags=(--version --help)
    local -a repeating_options=()
    local -a non_repeating_options=()
    __slotscope_offer_flags_options 0

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    inspect|check|fix|reshard|failover|snapshot|watch|record|replay|explain|ping|demo|acl|help)
        # Offer subcommand argument completions
        "_slotscope_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'inspect check fix reshard failover snapshot watch record replay explain ping demo acl help' -- "${cur}"))
        ;;
    esac
}

_slotscope_inspect() {
    repeating_flags=()
    non_repeating_flags=(--no-color --ascii --sentinel-no-auth --single-endpoint --askpass --tls --insecure --read-only --version --help)
    repeating_options=(--sentinel --master-name --sentinel-port --map)
    non_repeating_options=(--interval --sentinel-user --sentinel-pass --sentinel-pass-file -h --host -p --port -u --uri -a --pass --pass-file --user --sni --cacert --cacertdir --cert --key --timeout)
    __slotscope_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--interval')
        return
        ;;
    '--sentinel')
        return
        ;;
    '--master-name')
        return
        ;;
    '--sentinel-port')
        return
        ;;
    '--sentinel-user')
        return
        ;;
    '--sentinel-pass')
        return
        ;;
    '--sentinel-pass-file')
        return
        ;;
    '--map')
        return
        ;;
    '-h'|'--host')
        return
        ;;
    '-p'|'--port')
        return
        ;;
    '-u'|'--uri')
        return
        ;;
    '-a'|'--pass')
        return
        ;;
    '--pass-file')
        return
        ;;
    '--user')
        return
        ;;
    '--sni')
        return
        ;;
    '--cacert')
        return
        ;;
    '--cacertdir')
        return
        ;;
    '--cert')
        return
        ;;
    '--key')
        return
        ;;
    '--timeout')
        return
        ;;
    esac
}

_slotscope_check() {
    repeating_flags=()
    non_repeating_flags=(--json --no-key-census --sentinel-no-auth --single-endpoint --askpass --tls --insecure --read-only --version --help)
    repeating_options=(--sentinel --master-name --sentinel-port --map)
    non_repeating_options=(--sentinel-user --sentinel-pass --sentinel-pass-file -h --host -p --port -u --uri -a --pass --pass-file --user --sni --cacert --cacertdir --cert --key --timeout)
    __slotscope_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--sentinel')
        return
        ;;
    '--master-name')
        return
        ;;
    '--sentinel-port')
        return
        ;;
    '--sentinel-user')
        return
        ;;
    '--sentinel-pass')
        return
        ;;
    '--sentinel-pass-file')
        return
        ;;
    '--map')
        return
        ;;
    '-h'|'--host')
        return
        ;;
    '-p'|'--port')
        return
        ;;
    '-u'|'--uri')
        return
        ;;
    '-a'|'--pass')
        return
        ;;
    '--pass-file')
        return
        ;;
    '--user')
        return
        ;;
    '--sni')
        return
        ;;
    '--cacert')
        return
        ;;
    '--cacertdir')
        return
        ;;
    '--cert')
        return
        ;;
    '--key')
        return
        ;;
    '--timeout')
        return
        ;;
    esac
}

_slotscope_fix() {
    repeating_flags=()
    non_repeating_flags=(--dry-run --yes --replace --resume --force-unreachable --single-endpoint --askpass --tls --insecure --read-only --version --help)
    repeating_options=(--map)
    non_repeating_options=(--pipeline --owner --journal -h --host -p --port -u --uri -a --pass --pass-file --user --sni --cacert --cacertdir --cert --key --timeout)
    __slotscope_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--pipeline')
        return
        ;;
    '--owner')
        return
        ;;
    '--journal')
        return
        ;;
    '--map')
        return
        ;;
    '-h'|'--host')
        return
        ;;
    '-p'|'--port')
        return
        ;;
    '-u'|'--uri')
        return
        ;;
    '-a'|'--pass')
        return
        ;;
    '--pass-file')
        return
        ;;
    '--user')
        return
        ;;
    '--sni')
        return
        ;;
    '--cacert')
        return
        ;;
    '--cacertdir')
        return
        ;;
    '--cert')
        return
        ;;
    '--key')
        return
        ;;
    '--timeout')
        return
        ;;
    esac
}

_slotscope_reshard() {
    repeating_flags=()
    non_repeating_flags=(--balance --use-empty-masters --dry-run --yes --replace --resume --force-unreachable --single-endpoint --askpass --tls --insecure --read-only --version --help)
    repeating_options=(--weight --map)
    non_repeating_options=(--from --to --slots --threshold --pipeline --journal -h --host -p --port -u --uri -a --pass --pass-file --user --sni --cacert --cacertdir --cert --key --timeout)
    __slotscope_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--from')
        return
        ;;
    '--to')
        return
        ;;
    '--slots')
        return
        ;;
    '--weight')
        return
        ;;
    '--threshold')
        return
        ;;
    '--pipeline')
        return
        ;;
    '--journal')
        return
        ;;
    '--map')
        return
        ;;
    '-h'|'--host')
        return
        ;;
    '-p'|'--port')
        return
        ;;
    '-u'|'--uri')
        return
        ;;
    '-a'|'--pass')
        return
        ;;
    '--pass-file')
        return
        ;;
    '--user')
        return
        ;;
    '--sni')
        return
        ;;
    '--cacert')
        return
        ;;
    '--cacertdir')
        return
        ;;
    '--cert')
        return
        ;;
    '--key')
        return
        ;;
    '--timeout')
        return
        ;;
    esac
}

_slotscope_failover() {
    repeating_flags=()
    non_repeating_flags=(--force --takeover --dry-run --yes --sentinel-no-auth --single-endpoint --askpass --tls --insecure --read-only --version --help)
    repeating_options=(--sentinel --master-name --sentinel-port --map)
    non_repeating_options=(--replica --max-lag --wait --sentinel-user --sentinel-pass --sentinel-pass-file -h --host -p --port -u --uri -a --pass --pass-file --user --sni --cacert --cacertdir --cert --key --timeout)
    __slotscope_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--replica')
        return
        ;;
    '--max-lag')
        return
        ;;
    '--wait')
        return
        ;;
    '--sentinel')
        return
        ;;
    '--master-name')
        return
        ;;
    '--sentinel-port')
        return
        ;;
    '--sentinel-user')
        return
        ;;
    '--sentinel-pass')
        return
        ;;
    '--sentinel-pass-file')
        return
        ;;
    '--map')
        return
        ;;
    '-h'|'--host')
        return
        ;;
    '-p'|'--port')
        return
        ;;
    '-u'|'--uri')
        return
        ;;
    '-a'|'--pass')
        return
        ;;
    '--pass-file')
        return
        ;;
    '--user')
        return
        ;;
    '--sni')
        return
        ;;
    '--cacert')
        return
        ;;
    '--cacertdir')
        return
        ;;
    '--cert')
        return
        ;;
    '--key')
        return
        ;;
    '--timeout')
        return
        ;;
    esac
}

_slotscope_snapshot() {
    repeating_flags=()
    non_repeating_flags=(--json --key-census --sentinel-no-auth --single-endpoint --askpass --tls --insecure --read-only --version --help)
    repeating_options=(--sentinel --master-name --sentinel-port --map)
    non_repeating_options=(--sentinel-user --sentinel-pass --sentinel-pass-file -h --host -p --port -u --uri -a --pass --pass-file --user --sni --cacert --cacertdir --cert --key --timeout)
    __slotscope_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--sentinel')
        return
        ;;
    '--master-name')
        return
        ;;
    '--sentinel-port')
        return
        ;;
    '--sentinel-user')
        return
        ;;
    '--sentinel-pass')
        return
        ;;
    '--sentinel-pass-file')
        return
        ;;
    '--map')
        return
        ;;
    '-h'|'--host')
        return
        ;;
    '-p'|'--port')
        return
        ;;
    '-u'|'--uri')
        return
        ;;
    '-a'|'--pass')
        return
        ;;
    '--pass-file')
        return
        ;;
    '--user')
        return
        ;;
    '--sni')
        return
        ;;
    '--cacert')
        return
        ;;
    '--cacertdir')
        return
        ;;
    '--cert')
        return
        ;;
    '--key')
        return
        ;;
    '--timeout')
        return
        ;;
    esac
}

_slotscope_watch() {
    repeating_flags=()
    non_repeating_flags=(--json --sentinel-no-auth --single-endpoint --askpass --tls --insecure --read-only --version --help)
    repeating_options=(--sentinel --master-name --sentinel-port --map)
    non_repeating_options=(--interval --count --record --settle --sentinel-user --sentinel-pass --sentinel-pass-file -h --host -p --port -u --uri -a --pass --pass-file --user --sni --cacert --cacertdir --cert --key --timeout)
    __slotscope_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--interval')
        return
        ;;
    '--count')
        return
        ;;
    '--record')
        return
        ;;
    '--settle')
        return
        ;;
    '--sentinel')
        return
        ;;
    '--master-name')
        return
        ;;
    '--sentinel-port')
        return
        ;;
    '--sentinel-user')
        return
        ;;
    '--sentinel-pass')
        return
        ;;
    '--sentinel-pass-file')
        return
        ;;
    '--map')
        return
        ;;
    '-h'|'--host')
        return
        ;;
    '-p'|'--port')
        return
        ;;
    '-u'|'--uri')
        return
        ;;
    '-a'|'--pass')
        return
        ;;
    '--pass-file')
        return
        ;;
    '--user')
        return
        ;;
    '--sni')
        return
        ;;
    '--cacert')
        return
        ;;
    '--cacertdir')
        return
        ;;
    '--cert')
        return
        ;;
    '--key')
        return
        ;;
    '--timeout')
        return
        ;;
    esac
}

_slotscope_record() {
    repeating_flags=()
    non_repeating_flags=(--sentinel-no-auth --single-endpoint --askpass --tls --insecure --read-only --version --help)
    repeating_options=(--sentinel --master-name --sentinel-port --map)
    non_repeating_options=(--interval --count --settle --sentinel-user --sentinel-pass --sentinel-pass-file -h --host -p --port -u --uri -a --pass --pass-file --user --sni --cacert --cacertdir --cert --key --timeout)
    __slotscope_offer_flags_options 2

    # Offer option value completions
    case "${prev}" in
    '--interval')
        return
        ;;
    '--count')
        return
        ;;
    '--settle')
        return
        ;;
    '--sentinel')
        return
        ;;
    '--master-name')
        return
        ;;
    '--sentinel-port')
        return
        ;;
    '--sentinel-user')
        return
        ;;
    '--sentinel-pass')
        return
        ;;
    '--sentinel-pass-file')
        return
        ;;
    '--map')
        return
        ;;
    '-h'|'--host')
        return
        ;;
    '-p'|'--port')
        return
        ;;
    '-u'|'--uri')
        return
        ;;
    '-a'|'--pass')
        return
        ;;
    '--pass-file')
        return
        ;;
    '--user')
        return
        ;;
    '--sni')
        return
        ;;
    '--cacert')
        return
        ;;
    '--cacertdir')
        return
        ;;
    '--cert')
        return
        ;;
    '--key')
        return
        ;;
    '--timeout')
        return
        ;;
    esac
}

_slotscope_replay() {
    repeating_flags=()
    non_repeating_flags=(--paused --no-color --ascii --version --help)
    repeating_options=()
    non_repeating_options=(--speed)
    __slotscope_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--speed')
        return
        ;;
    esac
}

_slotscope_explain() {
    repeating_flags=()
    non_repeating_flags=(--single-endpoint --askpass --tls --insecure --read-only --version --help)
    repeating_options=(--map)
    non_repeating_options=(-h --host -p --port -u --uri -a --pass --pass-file --user --sni --cacert --cacertdir --cert --key --timeout)
    __slotscope_offer_flags_options 2

    # Offer option value completions
    case "${prev}" in
    '--map')
        return
        ;;
    '-h'|'--host')
        return
        ;;
    '-p'|'--port')
        return
        ;;
    '-u'|'--uri')
        return
        ;;
    '-a'|'--pass')
        return
        ;;
    '--pass-file')
        return
        ;;
    '--user')
        return
        ;;
    '--sni')
        return
        ;;
    '--cacert')
        return
        ;;
    '--cacertdir')
        return
        ;;
    '--cert')
        return
        ;;
    '--key')
        return
        ;;
    '--timeout')
        return
        ;;
    esac
}

_slotscope_ping() {
    repeating_flags=()
    non_repeating_flags=(--askpass --tls --insecure --read-only --version --help)
    repeating_options=()
    non_repeating_options=(--count -h --host -p --port -u --uri -a --pass --pass-file --user --sni --cacert --cacertdir --cert --key --timeout)
    __slotscope_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--count')
        return
        ;;
    '-h'|'--host')
        return
        ;;
    '-p'|'--port')
        return
        ;;
    '-u'|'--uri')
        return
        ;;
    '-a'|'--pass')
        return
        ;;
    '--pass-file')
        return
        ;;
    '--user')
        return
        ;;
    '--sni')
        return
        ;;
    '--cacert')
        return
        ;;
    '--cacertdir')
        return
        ;;
    '--cert')
        return
        ;;
    '--key')
        return
        ;;
    '--timeout')
        return
        ;;
    esac
}

_slotscope_demo() {
    repeating_flags=()
    non_repeating_flags=(--no-sentinel --keep --read-only --no-color --ascii --version --help)
    repeating_options=()
    non_repeating_options=(--masters --replicas --interval)
    __slotscope_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--masters')
        return
        ;;
    '--replicas')
        return
        ;;
    '--interval')
        return
        ;;
    esac
}

_slotscope_acl() {
    repeating_flags=()
    non_repeating_flags=(--sentinel --version --help)
    repeating_options=()
    non_repeating_options=(--user --server-version)
    __slotscope_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--user')
        return
        ;;
    '--server-version')
        return
        ;;
    esac
}

_slotscope_help() {
    repeating_flags=()
    non_repeating_flags=(--version)
    repeating_options=()
    non_repeating_options=()
    __slotscope_offer_flags_options -1
}

complete -o filenames -F _slotscope slotscope
