# qoima's messages in Kazakh: the checks of deposits, events, deadlines and the records.
# docs/messages.md says how a message is written.

## The components and fields a rulebook asks for (check/components.rs, check/fields.rs).
component-unknown = `not_applicable` ішінде `{ $component }` аталған, бірақ ол { $rulebook } бойынша құрамдас бөлік емес: { $components } ішінен біреуін көрсетіңіз
component-not-applicable-has-files = `{ $component }` қолданылмайды деп белгіленген, бірақ { $component }/ папкасында { $files } файл бар: белгіні не файлдарды алып тастаңыз
component-not-applicable = `{ $component }` құрамдас бөлігі қолданылмайды: { $reason }
component-missing = міндетті { $component }/ құрамдас бөлігі жоқ ({ $rule }): оны депозитке беріңіз немесе deposit.yaml файлында оның неге қолданылмайтынын `not_applicable: {"{"}{ $component }: "…"{"}"}` түрінде көрсетіңіз
component-empty = міндетті { $component }/ құрамдас бөлігі бос ({ $rule }): оның файлдарын салыңыз
component-folder-empty = { $component }/ құрамдас бөлік папкасы бос: оны толтырыңыз немесе жойыңыз
build-description-missing = `{ $file }` құрастыру сипаттамасы source/ ішінде жоқ: файлды қосыңыз немесе атауын түзетіңіз
third-party-path-missing = `{ $name }` бөгде компоненті үшін `{ $path }` көрсетілген, бірақ ол депозитте жоқ
documentation-item-missing = құжаттама жиынтығында «{ $title }» жоқ (`documentation: {"{"}{ $item }: { $folder }/…{"}"}`), { $rule }
documentation-unknown-kind = `documentation` ішінде белгісіз `{ $key }` түрі аталған: { $kinds } ішінен біреуін немесе `other` деп басталатын кілтті пайдаланыңыз
documentation-outside-folder = `{ $key }` { $folder }/ ішіндегі файлды көрсетуі тиіс (көрсетілгені: `{ $file }`)
documentation-file-missing = `{ $key }` үшін `{ $file }` көрсетілген, бірақ ол депозитте жоқ: файлды қосыңыз немесе атауын түзетіңіз
field-missing = `{ $field }` жоқ немесе толтырылмаған: оны { $file } файлында толтырыңыз ({ $rule })
field-below-minimum = `{ $field }` мәні — { $value }; { $rule } кемінде { $min } талап етеді

## Events, deadlines, the register of systems and the records (check/events.rs, check/deadlines.rs,
## check/register.rs, check/mod.rs, records/).
