"""Makes locked.doc and locked.xls (password "secret") from any .docx/.xlsx, with LibreOffice's UNO API.

Kept files, not built in the test: saving with a password needs LibreOffice's Python
bridge (Debian's python3-uno, run by /usr/bin/python3), which the test machine need not have.
Run: /usr/bin/python3 tests/data/make_locked.py SOURCE.docx tests/data/locked.doc "MS Word 97"
"""

import subprocess
import sys
import time
import uno
from com.sun.star.beans import PropertyValue


def prop(name, value):
    p = PropertyValue()
    p.Name, p.Value = name, value
    return p


def main(source: str, target: str, filter_name: str) -> None:
    office = subprocess.Popen(["soffice", "--headless", "--norestore", "-env:UserInstallation=file:///tmp/lockprof",
                               "--accept=socket,host=127.0.0.1,port=2002;urp;"])
    try:
        resolver = uno.getComponentContext().ServiceManager.createInstanceWithContext(
            "com.sun.star.bridge.UnoUrlResolver", uno.getComponentContext())
        for _ in range(60):
            try:
                context = resolver.resolve("uno:socket,host=127.0.0.1,port=2002;urp;StarOffice.ComponentContext")
                break
            except Exception:
                time.sleep(0.5)
        desktop = context.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", context)
        document = desktop.loadComponentFromURL(uno.systemPathToFileUrl(source), "_blank", 0, (prop("Hidden", True),))
        document.storeToURL(uno.systemPathToFileUrl(target), (prop("FilterName", filter_name), prop("Password", "secret")))
        document.close(True)
    finally:
        office.terminate()


if __name__ == "__main__":
    main(*sys.argv[1:4])
