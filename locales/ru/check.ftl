# qoima's messages in Russian: the checks of deposits, events, deadlines and the records.
# docs/messages.md says how a message is written.

## The components and fields a rulebook asks for (check/components.rs, check/fields.rs).

## Events, deadlines, the register of systems and the records (check/events.rs, check/deadlines.rs,
## check/register.rs, check/mod.rs, records/).
