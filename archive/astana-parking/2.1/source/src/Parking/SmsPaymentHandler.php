<?php
declare(strict_types=1);

namespace Astana\Parking;

/**
 * SMS на короткий номер 7070: «<зона> <госномер>», например «A 123ABC01»; «STOP» завершает парковку.
 * Оператор связи присылает webhook; сессия открывается, стоимость списывается с баланса абонента.
 */
final class SmsPaymentHandler
{
    /** @var SessionRepository */
    private $sessions;

    public function __construct(SessionRepository $sessions)
    {
        $this->sessions = $sessions;
    }

    public function handle(string $msisdn, string $text, \DateTimeImmutable $receivedAt): string
    {
        $parts = preg_split('/\s+/', strtoupper(trim($text)));
        if ($parts === ['STOP']) {
            $cost = $this->sessions->close($msisdn, $receivedAt);
            return $cost === null ? 'Нет открытой парковки' : sprintf('Парковка завершена. К оплате %d тг.', $cost);
        }
        if (count($parts) !== 2) {
            return 'Формат: <зона> <госномер>, например A 123ABC01';
        }
        [$zone, $plate] = $parts;
        try {
            $session = new ParkingSession($plate, $zone, $receivedAt);
        } catch (\InvalidArgumentException $e) {
            return $e->getMessage();
        }
        $this->sessions->open($session, $msisdn);
        return sprintf('Парковка %s в зоне %s с %s. Тариф %d тг/ч.', $plate, $zone,
            $receivedAt->format('H:i'), Tariff::hourly($zone));
    }
}
