<?php
declare(strict_types=1);

namespace Astana\Parking;

/** Хранилище сессий (PostgreSQL 11 через PDO). */
final class SessionRepository
{
    /** @var \PDO */
    private $db;

    public function __construct(\PDO $db)
    {
        $this->db = $db;
        $this->db->setAttribute(\PDO::ATTR_ERRMODE, \PDO::ERRMODE_EXCEPTION);
    }

    public function open(ParkingSession $s, string $msisdn): void
    {
        $st = $this->db->prepare('INSERT INTO session (plate, zone, msisdn, started_at) VALUES (?, ?, ?, ?)');
        $st->execute([$s->plate, $s->zone, $msisdn, $s->startedAt->format(DATE_ATOM)]);
    }

    /** Закрывает открытую сессию абонента; возвращает стоимость или null, если открытой сессии нет. */
    public function close(string $msisdn, \DateTimeImmutable $at): ?int
    {
        $st = $this->db->prepare('SELECT id, plate, zone, started_at FROM session WHERE msisdn = ? AND ended_at IS NULL ORDER BY started_at DESC LIMIT 1');
        $st->execute([$msisdn]);
        $row = $st->fetch(\PDO::FETCH_ASSOC);
        if ($row === false) {
            return null;
        }
        $session = new ParkingSession($row['plate'], $row['zone'], new \DateTimeImmutable($row['started_at']));
        $cost = $session->cost($at);
        $this->db->prepare('UPDATE session SET ended_at = ?, cost_tenge = ? WHERE id = ?')
            ->execute([$at->format(DATE_ATOM), $cost, $row['id']]);
        return $cost;
    }

    /** Для инспектора: оплачена ли сейчас парковка автомобиля. */
    public function isPaid(string $plate, \DateTimeImmutable $at): bool
    {
        $st = $this->db->prepare('SELECT 1 FROM session WHERE plate = ? AND started_at <= ? AND (ended_at IS NULL OR ended_at >= ?)');
        $at = $at->format(DATE_ATOM);
        $st->execute([$plate, $at, $at]);
        return (bool) $st->fetchColumn();
    }
}
