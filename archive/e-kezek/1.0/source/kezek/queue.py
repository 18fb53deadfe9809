"""Tickets: issued per service, called in order, one window at a time."""

from collections import deque


class Queue:
    def __init__(self, services):
        self.lines = {code: deque() for code in services}
        self.counter = {code: 0 for code in services}

    def issue(self, service):
        self.counter[service] += 1
        ticket = f"{service}{self.counter[service]:03d}"
        self.lines[service].append(ticket)
        return ticket

    def call(self, service, window):
        if not self.lines[service]:
            return None
        return f"{self.lines[service].popleft()} → {window}"
