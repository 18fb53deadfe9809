# qoima's messages in Kazakh: the checks of deposits, events, deadlines and the records.
# docs/messages.md says how a message is written.
