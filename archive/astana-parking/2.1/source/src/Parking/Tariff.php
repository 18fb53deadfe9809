<?php
declare(strict_types=1);

namespace Astana\Parking;

/** Тарифтер / Тарифы платных парковок (постановление акимата г. Астаны № 107-1845). */
final class Tariff
{
    /** @var array<string, int> тенге за каждый начатый час */
    private const HOURLY = ['A' => 200, 'B' => 100, 'C' => 50];

    /** Бесплатные первые минуты (заезд, высадка пассажиров). */
    public const FREE_MINUTES = 15;

    public static function hourly(string $zone): int
    {
        if (!isset(self::HOURLY[$zone])) {
            throw new \InvalidArgumentException("Неизвестная зона парковки: $zone");
        }
        return self::HOURLY[$zone];
    }

    /** @return string[] */
    public static function zones(): array
    {
        return array_keys(self::HOURLY);
    }
}
