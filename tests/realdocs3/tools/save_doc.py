"""Write one stored page excerpt to docs/<name>.txt.

The excerpt is passed exactly as the search tool returned it: the body of a
JSON string (escapes such as \\n and \\" still in place).  It is decoded with
json.loads and written as UTF-8, unchanged otherwise.
"""
import json, sys, pathlib
name, src = sys.argv[1], sys.argv[2]
body = pathlib.Path(src).read_text(encoding="utf-8")
if body.endswith("\n"):
    body = body[:-1]
text = json.loads('"' + body + '"')
out = pathlib.Path(__file__).resolve().parent.parent / "docs" / f"{name}.txt"
out.write_text(text, encoding="utf-8")
print(out.name, len(text.encode("utf-8")), "bytes")
