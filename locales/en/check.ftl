# qoima's messages in English: the checks of deposits, events, deadlines and the records.
# docs/messages.md says how a message is written.

## The components and fields a rulebook asks for (check/components.rs, check/fields.rs).
# $component: a component the deposit names; $rulebook: the rulebook's id (O146, D1124); $components: its components, joined by ", ".
component-unknown = `not_applicable` names `{ $component }`, which is not a component of { $rulebook }: use one of { $components }
# $component: the component's id (also its folder); $files: how many files its folder holds.
component-not-applicable-has-files = `{ $component }` is marked not applicable but { $component }/ holds { $files } file(s): remove one or the other
# $reason: why the component does not apply, in the words of deposit.yaml.
component-not-applicable = component `{ $component }` not applicable: { $reason }
# $rule: the clause that asks for the component.
component-missing = the required component { $component }/ is missing ({ $rule }): deposit it, or say why it does not apply under `not_applicable: {"{"}{ $component }: "…"{"}"}` in deposit.yaml
component-empty = the required component { $component }/ is empty ({ $rule }): put its files in it
component-folder-empty = the component folder { $component }/ is empty: fill it or remove it
# $file: the build description deposit.yaml names.
build-description-missing = the build description `{ $file }` is not in source/: add the file or correct the name
# $name: the third-party component; $path: where deposit.yaml says it is.
third-party-path-missing = third-party `{ $name }` names `{ $path }`, which is not in the deposit
# $title: the document's title (the rulebook's, in the reader's language); $item: its key under
# `documentation:`; $folder: the documentation folder (docs); $rule: the clause of the set.
documentation-item-missing = the documentation set lacks the { $title } (`documentation: {"{"}{ $item }: { $folder }/…{"}"}`), { $rule }
# $key: the key under `documentation:`; $kinds: the kinds the rulebook knows, joined by ", ".
documentation-unknown-kind = `documentation` names an unknown kind `{ $key }`: use one of { $kinds } or a key starting with `other`
# $file: the file the key names.
documentation-outside-folder = `{ $key }` must name a file in { $folder }/ (got `{ $file }`)
documentation-file-missing = `{ $key }` names `{ $file }`, which is not in the deposit: add the file or correct the name
# $field: the field's dotted path; $file: deposit.yaml or system.yaml; $rule: the clause that asks for it.
field-missing = `{ $field }` is missing or empty: fill it in { $file } ({ $rule })
# $value: the number given; $min: the least the clause allows.
field-below-minimum = `{ $field }` is { $value }; { $rule } asks for at least { $min }

## Events, deadlines, the register of systems and the records (check/events.rs, check/deadlines.rs,
## check/register.rs, check/mod.rs, records/).
