#!/bin/sh
# «Астана Паркинг» 2.1 — сборка установочного пакета.
# Среда: PHP 7.3.13 (php7.3-cli) на Ubuntu 18.04; Composer не используется (свой автозагрузчик src/autoload.php).
set -e
VERSION=2.1
OUT=../install/astana-parking-$VERSION.tar.gz
for f in $(find src public -name '*.php'); do php -l "$f" >/dev/null; done
rm -rf build && mkdir -p build/astana-parking-$VERSION
cp -r src public config build/astana-parking-$VERSION/
cp vendor/normalize.css/normalize.css build/astana-parking-$VERSION/public/css/
echo "$VERSION" > build/astana-parking-$VERSION/VERSION
cp INSTALL.txt build/astana-parking-$VERSION/
tar -C build -czf "$OUT" astana-parking-$VERSION
echo "built $OUT"
