"""`python bench/numbers.py`: number mode measured on drawn-dev numbers; the bench is written_numbers.py.

`numbers` is also a standard library module, which numpy imports, and every script in bench/ has
this folder first on sys.path. Imported under that name, this file therefore hands over to the
standard library's module; run as a script, it runs the bench.
"""

import importlib.util
import os
import sys
import sysconfig

if __name__ == "numbers":
    _spec = importlib.util.spec_from_file_location("numbers", os.path.join(sysconfig.get_path("stdlib"), "numbers.py"))
    _module = importlib.util.module_from_spec(_spec)
    sys.modules["numbers"] = _module  # what `import numbers` returns once this file has run
    _spec.loader.exec_module(_module)
elif __name__ == "__main__":
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    from written_numbers import main

    main()
