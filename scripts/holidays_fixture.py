#!/usr/bin/env python3
"""Writes tests/fixtures/holidays-kz.tsv: the weekday days off in Kazakhstan, 2007-2026, as the
Python package `holidays` (country KZ) computes them, for the calendar's cross-check test.

    pip install holidays==0.109 && python3 scripts/holidays_fixture.py
"""
import pathlib

import holidays

out = pathlib.Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "holidays-kz.tsv"
lines = [f"# weekday days off in Kazakhstan by the Python package holidays {holidays.__version__} (KZ), 2007-2026"]
for year in range(2007, 2027):
    for day, name in sorted(holidays.country_holidays("KZ", years=year).items()):
        if day.weekday() < 5:
            lines.append(f"{day.isoformat()}\t{name}")
out.write_text("\n".join(lines) + "\n", encoding="utf-8")
print(f"wrote {out} ({len(lines) - 1} days)")
