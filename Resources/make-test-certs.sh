#!/bin/sh
# Makes the same throw-away TLS material as Sandbox's TestCertificates.make(in:), for manual
# use (e.g. `slotscope --tls --cacert DIR/ca.crt` against a hand-started redis-server).
#
#   Resources/make-test-certs.sh [DIR]        (default: ./test-certs)
#
# Files: ca.crt/key, server.crt/key (SAN IP:127.0.0.1, IP:127.0.0.2, DNS:localhost; serverAuth
# and clientAuth, since redis-server also uses it for cluster-bus and replication links),
# client.crt/key, other-ca.crt/key (an unrelated CA) and other-client.crt/key (signed by it).
# EC P-256 keys, valid 3650 days. Never use these outside tests.
set -eu

dir=${1:-test-certs}
mkdir -p "$dir"
cd "$dir"

key="-newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes"

cat > server.ext <<'EXT'
basicConstraints=CA:FALSE
keyUsage=critical,digitalSignature,keyEncipherment
extendedKeyUsage=serverAuth,clientAuth
subjectAltName=IP:127.0.0.1,IP:127.0.0.2,DNS:localhost
EXT
cat > client.ext <<'EXT'
basicConstraints=CA:FALSE
keyUsage=critical,digitalSignature,keyEncipherment
extendedKeyUsage=clientAuth
EXT

make_ca() { # name subject
    # shellcheck disable=SC2086
    openssl req -x509 $key -keyout "$1.key" -out "$1.crt" -days 3650 -subj "$2" -config /dev/null \
        -addext basicConstraints=critical,CA:TRUE -addext keyUsage=critical,keyCertSign,cRLSign 2>/dev/null
}

make_leaf() { # name subject extfile ca
    # shellcheck disable=SC2086
    openssl req -new $key -keyout "$1.key" -out "$1.csr" -subj "$2" -config /dev/null 2>/dev/null
    openssl x509 -req -in "$1.csr" -CA "$4.crt" -CAkey "$4.key" -set_serial "$(od -An -N4 -tu4 /dev/urandom | tr -d ' ')" \
        -days 3650 -out "$1.crt" -extfile "$3" 2>/dev/null
}

make_ca ca "/CN=Slotscope Test CA"
make_ca other-ca "/CN=Slotscope Unrelated CA"
make_leaf server "/CN=localhost" server.ext ca
make_leaf client "/CN=slotscope-client" client.ext ca
make_leaf other-client "/CN=unrelated-client" client.ext other-ca
chmod 600 ./*.key
openssl verify -CAfile ca.crt server.crt client.crt >/dev/null
echo "test certificates in $(pwd)"
