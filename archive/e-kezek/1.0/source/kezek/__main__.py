"""Runs a short demonstration: `python3 e-kezek.pyz`."""

from kezek.queue import Queue

q = Queue(["A", "B"])
print(q.issue("A"), q.issue("A"), q.issue("B"))
print(q.call("A", "окно 3"))
