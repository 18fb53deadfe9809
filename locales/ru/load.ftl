# qoima's messages in Russian: reading the archive (folders, YAML files, names, links).
# docs/messages.md says how a message is written.
