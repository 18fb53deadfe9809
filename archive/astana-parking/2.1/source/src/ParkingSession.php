<?php
declare(strict_types=1);

namespace Astana\Parking;

/** Тұрақ сессиясы: көлік нөмірі, аймақ, басталу уақыты. */
final class ParkingSession
{
    public function __construct(public string $plate, public string $zone, public \DateTimeImmutable $startedAt) {}

    /** Стоимость в тенге: 100 тг за каждый начатый час в зоне A, 50 тг — в остальных. */
    public function cost(\DateTimeImmutable $endedAt): int
    {
        $hours = (int) ceil(($endedAt->getTimestamp() - $this->startedAt->getTimestamp()) / 3600);
        return $hours * ($this->zone === 'A' ? 100 : 50);
    }
}
