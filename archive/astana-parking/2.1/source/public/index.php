<?php
declare(strict_types=1);

require __DIR__ . '/../src/autoload.php';

use Astana\Parking\SessionRepository;
use Astana\Parking\SmsPaymentHandler;

$config = require __DIR__ . '/../config/app.php';
$db = new PDO($config['db_dsn'], $config['db_user'], $config['db_password']);
$sessions = new SessionRepository($db);
$now = new DateTimeImmutable('now', new DateTimeZone('Asia/Almaty'));
$path = parse_url($_SERVER['REQUEST_URI'] ?? '/', PHP_URL_PATH);

header('Content-Type: application/json; charset=utf-8');
switch ($path) {
    case '/sms':   // webhook оператора связи
        if (($_SERVER['HTTP_X_GATEWAY_TOKEN'] ?? '') !== $config['sms_gateway_token']) {
            http_response_code(403);
            exit;
        }
        $reply = (new SmsPaymentHandler($sessions))->handle($_POST['msisdn'] ?? '', $_POST['text'] ?? '', $now);
        echo json_encode(['reply' => $reply], JSON_UNESCAPED_UNICODE);
        break;
    case '/check': // планшет инспектора
        echo json_encode(['paid' => $sessions->isPaid(strtoupper($_GET['plate'] ?? ''), $now)]);
        break;
    default:
        http_response_code(404);
        echo json_encode(['error' => 'not found']);
}
