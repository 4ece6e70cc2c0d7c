#!/usr/bin/env bash
# Builds the release `slotscope`: one stripped binary with the Swift runtime, Foundation,
# OpenSSL (libssl, libcrypto) and ncursesw/tinfo linked in statically, so it can be copied
# (`kubectl cp`, scp) onto x86_64 Linux with glibc >= the build host's (2.36 on Debian 12).
# libstdc++ and libgcc go in too; only glibc (libc, libm, ld-linux) stays dynamic.
# Then (re)generates the man page and shell completions from the argument parser.
#
#   scripts/release.sh                    build + Resources/man/slotscope.1 + Resources/completions/*
#   scripts/release.sh --install PREFIX   also install into PREFIX/{bin,share/man/man1,
#                                         share/bash-completion/completions,
#                                         share/zsh/site-functions,share/fish/vendor_completions.d}
#
# Needs: Swift 6 toolchain, libssl-dev and libncurses-dev (for libssl.a, libcrypto.a,
# libncursesw.a, libtinfo.a). The binary is at .build-release/release/slotscope.
#
# How the static link works: SwiftPM asks pkg-config for COpenSSL, and Debian's openssl.pc
# yields `-L/usr/lib/x86_64-linux-gnu -lssl -lcrypto` at the very front of the link line, so a
# plain `-Xlinker -L<dir of .a files>` comes too late (GNU ld searches -L dirs in order and
# picks libssl.so there). So we make a dir under the scratch path holding only the .a archives
# (libssl, libcrypto, libncursesw, libtinfo, libstdc++) plus an openssl.pc whose Libs is
# `-L<that dir> -lssl -lcrypto`, and point PKG_CONFIG_PATH at it: that dir is then the first
# -L, and every -lssl/-lcrypto/-lncursesw/-ltinfo/-lstdc++ (module maps, Swift's static
# stdlib link file) resolves to an archive. `-static-libgcc` replaces libgcc_s with libgcc_eh.
# OpenSSL's own deps (-ldl -lpthread) are inside glibc >= 2.34 and on Swift's link line anyway.
# What stays dynamic: libc.so.6, libm.so.6, ld-linux-x86-64.so.2 (glibc; not linkable
# statically with getaddrinfo/NSS in a sane way, and present in every glibc image).
#
# TLS trust store: static OpenSSL keeps Debian's compiled-in OPENSSLDIR (/usr/lib/ssl, i.e.
# /usr/lib/ssl/certs -> /etc/ssl/certs). On images without that path, pass --cacert FILE or
# set SSL_CERT_FILE / SSL_CERT_DIR (both honoured).
set -euo pipefail

prefix=""
while [ $# -gt 0 ]; do
    case "$1" in
        --install) [ $# -ge 2 ] || { echo "release.sh: --install needs a PREFIX" >&2; exit 2; }
                   prefix=$2; shift 2 ;;
        --install=*) prefix=${1#--install=}; shift ;;
        -h|--help) sed -n '2,14p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "release.sh: unknown argument: $1 (use --install PREFIX)" >&2; exit 2 ;;
    esac
done
case "$prefix" in ""|/*) ;; *) prefix=$PWD/$prefix ;; esac  # relative to the caller's cwd
cd "$(dirname "$0")/.."

scratch=.build-release
syslib=/usr/lib/$(uname -m)-linux-gnu
for lib in ssl crypto ncursesw tinfo; do
    [ -f "$syslib/lib$lib.a" ] || {
        echo "release.sh: $syslib/lib$lib.a missing; install libssl-dev and libncurses-dev" >&2
        exit 1
    }
done

staticdir=$PWD/$scratch/static-libs
rm -rf "$staticdir"
mkdir -p "$staticdir/pkgconfig"
for lib in ssl crypto ncursesw tinfo; do
    ln -s "$syslib/lib$lib.a" "$staticdir/lib$lib.a"
done
libstdcxx=$(clang -print-file-name=libstdc++.a 2>/dev/null || true)
case "$libstdcxx" in
    /*) ln -s "$libstdcxx" "$staticdir/libstdc++.a" ;;
    *) echo "release.sh: clang found no libstdc++.a (install libstdc++-12-dev or similar)" >&2
       exit 1 ;;
esac
ssl_version=$(pkg-config --modversion openssl 2>/dev/null || echo 3)
cat > "$staticdir/pkgconfig/openssl.pc" <<EOF
Name: OpenSSL
Description: OpenSSL from static archives only (slotscope release build)
Version: $ssl_version
Libs: -L$staticdir -lssl -lcrypto
Cflags: -I/usr/include
EOF
export PKG_CONFIG_PATH=$staticdir/pkgconfig${PKG_CONFIG_PATH:+:$PKG_CONFIG_PATH}

# Only the slotscope product: building all products would pull in TestSupport, which imports
# Testing (absent from the static SDK), and slotscope-bench, which links hiredis.
build_flags=(-c release --static-swift-stdlib --scratch-path "$scratch"
             -Xlinker -L"$staticdir" -Xlinker -s
             -Xswiftc -Xclang-linker -Xswiftc -static-libgcc)

echo "== swift build ${build_flags[*]} --product slotscope" >&2
swift build "${build_flags[@]}" --product slotscope >&2
bin=$(swift build "${build_flags[@]}" --show-bin-path)/slotscope

echo "== checking dynamic dependencies" >&2
ldd "$bin" >&2
# Anything beyond glibc means a library slipped in as a shared object.
unexpected=$(ldd "$bin" | awk '{print $1}' |
    grep -Ev '^(linux-vdso\.so|/lib64/ld-linux|ld-linux|libc\.so|libm\.so|libdl\.so|libpthread\.so|librt\.so|libutil\.so)' || true)
if [ -n "$unexpected" ]; then
    echo "release.sh: unexpected shared libraries in $bin:" >&2
    echo "$unexpected" >&2
    exit 1
fi
"$bin" --version >/dev/null

echo "== completions -> Resources/completions" >&2
mkdir -p Resources/completions
"$bin" --generate-completion-script bash > Resources/completions/slotscope.bash
"$bin" --generate-completion-script zsh  > Resources/completions/_slotscope
"$bin" --generate-completion-script fish > Resources/completions/slotscope.fish

# The man page: swift-argument-parser's `generate-manual` tool, run on the release binary (it
# reads `slotscope --experimental-dump-help`). Its GenerateManual plugin gives the same file
# (`swift package --allow-writing-to-package-directory generate-manual --output-directory
# Resources/man`, directory must exist) but first builds every product in the default,
# non-static configuration (a second full build: slotscope-bench, TestSupport, ...), so we build
# just the tool here, in the scratch path the release build already filled.
echo "== man page -> Resources/man" >&2
swift build "${build_flags[@]}" --product generate-manual >&2
mkdir -p Resources/man
"$(dirname "$bin")/generate-manual" "$bin" --output-directory Resources/man --section 1 \
    --date "$(git log -1 --format=%cs 2>/dev/null || date -u +%F)" >&2
[ -s Resources/man/slotscope.1 ] || { echo "release.sh: generate-manual wrote no slotscope.1" >&2; exit 1; }

size=$(stat -c %s "$bin")
echo "== $bin ($size bytes)" >&2

if [ -n "$prefix" ]; then
    echo "== installing under $prefix" >&2
    install -Dm755 "$bin" "$prefix/bin/slotscope"
    install -Dm644 Resources/man/slotscope.1 "$prefix/share/man/man1/slotscope.1"
    install -Dm644 Resources/completions/slotscope.bash \
        "$prefix/share/bash-completion/completions/slotscope"
    install -Dm644 Resources/completions/_slotscope "$prefix/share/zsh/site-functions/_slotscope"
    install -Dm644 Resources/completions/slotscope.fish \
        "$prefix/share/fish/vendor_completions.d/slotscope.fish"
fi
echo "$bin"
