"""Builds dist/e-kezek-<version>.pyz reproducibly: sorted entries, stored (not compressed),
every timestamp from SOURCE_DATE_EPOCH, fixed permissions. The same source gives the same bytes
with any Python 3."""

import os
import time
import zipfile

from kezek import __version__

epoch = int(os.environ.get("SOURCE_DATE_EPOCH", "315532800"))
stamp = time.gmtime(max(epoch, 315532800))[:6]
os.makedirs("dist", exist_ok=True)
target = f"dist/e-kezek-{__version__}.pyz"
files = sorted(
    os.path.join(d, f).replace(os.sep, "/")
    for d, _, names in os.walk("kezek")
    for f in names
    if f.endswith(".py")
)
with open(target, "wb") as out:
    out.write(b"#!/usr/bin/env python3\n")
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as z:
        main = zipfile.ZipInfo("__main__.py", stamp)
        main.external_attr = 0o644 << 16
        z.writestr(main, "import runpy\nrunpy.run_module('kezek', run_name='__main__')\n")
        for path in files:
            info = zipfile.ZipInfo(path, stamp)
            info.external_attr = 0o644 << 16
            with open(path, "rb") as f:
                z.writestr(info, f.read())
print(target)
