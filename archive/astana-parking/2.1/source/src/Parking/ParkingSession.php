<?php
declare(strict_types=1);

namespace Astana\Parking;

/** Тұрақ сессиясы: көлік нөмірі, аймақ, басталу уақыты. / Парковочная сессия. */
final class ParkingSession
{
    /** @var string */
    public $plate;
    /** @var string */
    public $zone;
    /** @var \DateTimeImmutable */
    public $startedAt;

    public function __construct(string $plate, string $zone, \DateTimeImmutable $startedAt)
    {
        if (!preg_match('/^\d{3}[A-Z]{2,3}\d{2}$/', $plate)) {
            throw new \InvalidArgumentException("Неверный госномер: $plate");
        }
        Tariff::hourly($zone);
        $this->plate = $plate;
        $this->zone = $zone;
        $this->startedAt = $startedAt;
    }

    /** Стоимость в тенге: каждый начатый час по тарифу зоны; первые 15 минут бесплатно. */
    public function cost(\DateTimeImmutable $endedAt): int
    {
        $minutes = (int) ceil(($endedAt->getTimestamp() - $this->startedAt->getTimestamp()) / 60);
        if ($minutes <= Tariff::FREE_MINUTES) {
            return 0;
        }
        return (int) ceil($minutes / 60) * Tariff::hourly($this->zone);
    }
}
