#!/usr/bin/env python3
"""Writes a Hugo site with the same number of pages as a qoima build, made from the same
generated archive (titles and annotations of the deposits), for the build benchmark.

    python3 bench/hugo_site.py ARCHIVE_ROOT OUT_DIR PAGES
"""
import pathlib
import re
import sys

root, out, pages = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2]), int(sys.argv[3])
deposits = sorted(root.glob("archive/*/*/deposit.yaml"))
texts = []
for d in deposits:
    y = d.read_text(encoding="utf-8")
    name = re.search(r'set_name: \{ru: "([^"]*)"', y)
    ann = re.findall(r'^  (?:kk|ru): "([^"]*)"', y, re.M)
    texts.append(((name.group(1) if name else d.parent.name), " ".join(ann)))
(out / "layouts" / "_default").mkdir(parents=True, exist_ok=True)
(out / "config.toml").write_text('baseURL = "http://example.kz/"\ntitle = "bench"\ndisableKinds = ["taxonomy", "term", "RSS", "sitemap"]\n')
base = '<!DOCTYPE html><html><head><title>{{ .Title }}</title></head><body><nav><a href="/">home</a></nav><main><h1>{{ .Title }}</h1>{{ .Content }}<table>{{ range .Pages }}<tr><td>{{ .Title }}</td></tr>{{ end }}</table></main></body></html>\n'
(out / "layouts" / "_default" / "single.html").write_text(base)
(out / "layouts" / "_default" / "list.html").write_text(base)
(out / "layouts" / "index.html").write_text(base)
content = out / "content"
for i in range(pages):
    title, body = texts[i % len(texts)]
    d = content / f"s{i // 1000}"
    d.mkdir(parents=True, exist_ok=True)
    (d / f"p{i}.md").write_text(f'---\ntitle: "{title} {i}"\n---\n\n{body}\n', encoding="utf-8")
print(f"wrote {pages} pages")
