#!/usr/bin/env python3
"""Converts PRONOM's signatures, as the `opf-fido` package ships them converted to regular
expressions (conf/formats-vNNN.xml, conf/container-signature-DATE.xml), into the compact table
qoima identifies formats with: data/pronom/signatures.tsv.

    python3 -m pip install opf-fido==1.6.1
    python3 scripts/pronom.py > data/pronom/signatures.tsv

One record a line, fields separated by tabs; a field never holds a tab or a line break (regular
expressions keep their escapes):

    F  puid  name  version  puids-it-has-priority-over(,)  container(zip|tar|ole|)
    S                         a signature of the last F: every pattern below must match
    P  BOF|EOF|VAR|IFB  regex a pattern of the last S (Python syntax, bytes)
    Z  puid  path  regex      a ZIP container signature: the entry `path` exists and its bytes
                              match `regex` (searched)
    O  puid  path  regex      the same for an OLE2 compound file's stream
"""
import os
import re
import sys
import xml.etree.ElementTree as ET

import fido
from fido.fido import Fido

conf = os.path.join(os.path.dirname(fido.__file__), "conf")
versions = ET.parse(os.path.join(conf, "versions.xml")).getroot()
formats_file = versions.findtext("pronomSignature")
container_file = versions.findtext("pronomContainerSignature")


def clean(text):
    text = (text or "").strip()
    assert "\t" not in text and "\n" not in text, text
    return text


out = sys.stdout
out.write(
    f"# PRONOM signatures (The National Archives, Open Government Licence v3.0), PRONOM v{versions.findtext('pronomVersion')},\n"
    f"# as converted to regular expressions by opf-fido {fido.__version__} (Apache-2.0): {formats_file}, {container_file}.\n"
    "# Made by scripts/pronom.py; see data/pronom/SOURCE.md.\n"
)
root = ET.parse(os.path.join(conf, formats_file)).getroot()
names = {}
for f in root.findall("format"):
    puid = f.findtext("puid")
    names[puid] = f
    sigs = f.findall("signature")
    prio = ",".join(p.text for p in f.findall("has_priority_over"))
    container = f.findtext("container") or ("ole" if puid == "fmt/111" else "")
    out.write("\t".join(["F", puid, clean(f.findtext("name")), clean(f.findtext("version")), prio, container]) + "\n")
    for s in sigs:
        out.write("S\n")
        for p in s.findall("pattern"):
            out.write("\t".join(["P", p.findtext("position"), clean(p.findtext("regex"))]) + "\n")

# Container signatures, converted with FIDO's own conversion.
converter = Fido.__new__(Fido)
doc = ET.parse(os.path.join(conf, container_file))
croot = doc.getroot()
mapping = {m.attrib["signatureId"]: m.attrib["Puid"] for m in croot.find("FileFormatMappings")}
for kind, tag in (("ZIP", "Z"), ("OLE2", "O")):
    for el in croot.findall(f'ContainerSignatures/ContainerSignature[@ContainerType="{kind}"]'):
        # FIDO reads the first file of a signature that has a binary signature, and skips others.
        if el.find("Files/File/BinarySignatures") is None:
            continue
        path = el.findtext("Files/File/Path")
        seq = el.findtext(
            "Files/File/BinarySignatures/InternalSignatureCollection/InternalSignature/ByteSequence/SubSequence/Sequence"
        )
        regex = converter.convert_container_sequence(seq).decode("latin-1")
        regex = regex.replace("\t", "\\t").replace("\n", "\\n")
        out.write("\t".join([tag, mapping[el.attrib["Id"]], clean(path), regex]) + "\n")
