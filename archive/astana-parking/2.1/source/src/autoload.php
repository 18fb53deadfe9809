<?php
declare(strict_types=1);

// PSR-4: Astana\Parking\X -> src/Parking/X.php
spl_autoload_register(static function (string $class): void {
    $prefix = 'Astana\\Parking\\';
    if (strncmp($class, $prefix, strlen($prefix)) !== 0) {
        return;
    }
    $file = __DIR__ . '/Parking/' . str_replace('\\', '/', substr($class, strlen($prefix))) . '.php';
    if (is_file($file)) {
        require $file;
    }
});
