#!/usr/bin/env bash
# install_docs_test.sh BUILD_DIR
#
# `cmake --install` puts the completion scripts where bash-completion, zsh and fish look, and
# a man page for mydocker and each subcommand where man looks (when help2man was there to make
# them). Fails with a message on the first thing missing.
set -euo pipefail
build=$(cd "$1" && pwd)
# shellcheck source=tests/integration/install_prefix.sh
source "$(dirname "${BASH_SOURCE[0]}")/install_prefix.sh" "$build" mydocker-install-test
for file in share/bash-completion/completions/mydocker share/zsh/site-functions/_mydocker \
  share/fish/vendor_completions.d/mydocker.fish; do
  [[ -s $prefix/$file ]] || fail "$file was not installed"
done
# The installed bash script is the one the binary prints, and bash takes it.
diff <("$prefix/bin/mydocker" completion bash) "$prefix/share/bash-completion/completions/mydocker" ||
  fail "the installed bash completion differs from mydocker completion bash"
bash -c "source '$prefix/share/bash-completion/completions/mydocker' && complete -p mydocker" \
  >/dev/null || fail "bash does not take the installed completion"

if ! grep -q '^HELP2MAN:FILEPATH=.*help2man$' "$build/CMakeCache.txt"; then
  echo "ok: completions installed; help2man was not found at configure time, no man pages"
  exit 0
fi
man1=$prefix/share/man/man1
for page in mydocker mydocker-run mydocker-pull mydocker-images mydocker-version mydocker-info \
  mydocker-completion mydocker-system mydocker-system-check; do
  [[ -s $man1/$page.1 ]] || fail "the man page $page.1 was not installed"
done
text=$(MANWIDTH=80 man -l "$man1/mydocker-run.1" 2>/dev/null || groff -man -Tutf8 "$man1/mydocker-run.1")
grep -q -- '--network' <<<"$text" || fail "mydocker-run.1 does not describe --network: $text"
grep -q 'mydocker run \[OPTIONS\] IMAGE' <<<"$text" || fail "mydocker-run.1 has no usage: $text"
echo "ok: completions and $(find "$man1" -name '*.1' | wc -l) man pages installed"
