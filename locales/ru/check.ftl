# qoima's messages in Russian: the checks of deposits, events, deadlines and the records.
# docs/messages.md says how a message is written.

## The components and fields a rulebook asks for (check/components.rs, check/fields.rs).
component-unknown = в `not_applicable` указан `{ $component }`, но в { $rulebook } нет такого компонента: укажите один из { $components }
component-not-applicable-has-files = `{ $component }` отмечен как неприменимый, но в { $component }/ { $files } { $files ->
        [one] файл
        [few] файла
       *[many] файлов
    }: уберите либо отметку, либо файлы
component-not-applicable = компонент `{ $component }` неприменим: { $reason }
component-missing = обязательный компонент { $component }/ отсутствует ({ $rule }): передайте его на депонирование или укажите в deposit.yaml, почему он неприменим: `not_applicable: {"{"}{ $component }: "…"{"}"}`
component-empty = обязательный компонент { $component }/ пуст ({ $rule }): поместите в него файлы компонента
component-folder-empty = папка компонента { $component }/ пуста: заполните её или удалите
build-description-missing = описания сборки `{ $file }` нет в source/: добавьте файл или исправьте имя
third-party-path-missing = для стороннего компонента `{ $name }` указан `{ $path }`, но его нет в депозите
documentation-item-missing = в комплекте документации нет документа «{ $title }» (`documentation: {"{"}{ $item }: { $folder }/…{"}"}`), { $rule }
documentation-unknown-kind = в `documentation` указан неизвестный вид `{ $key }`: используйте один из { $kinds } или ключ, начинающийся с `other`
documentation-outside-folder = `{ $key }` должен указывать на файл в { $folder }/ (указано: `{ $file }`)
documentation-file-missing = для `{ $key }` указан `{ $file }`, но его нет в депозите: добавьте файл или исправьте имя
field-missing = поле `{ $field }` отсутствует или пусто: заполните его в { $file } ({ $rule })
field-below-minimum = `{ $field }` равно { $value }; { $rule } требует не менее { $min }

## Events, deadlines, the register of systems and the records (check/events.rs, check/deadlines.rs,
## check/register.rs, check/mod.rs, records/).
