#!/bin/sh
# PHP 7.3 + Composer 1.9
set -e
composer install --no-dev --optimize-autoloader
tar czf ../install/astana-parking-2.1.tar.gz src vendor composer.json
