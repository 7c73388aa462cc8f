"""Reading data: every file the book reads goes through a reader of this package.

- ``registry``: ``READERS`` (dataset name → reader), ``read_dataset`` and ``check_inputs``;
- ``period_cut``: a dataset cut to the edition's period for it (``read_period``);
- ``preloaded``: datasets read once by a build and handed to the chapter kernels;
- one module per kind of file (``street``, ``registers``, ``workforce``, ...), each a reader
  returning a schema-checked tidy frame or raising ``InputError`` (one line: file, row, column).
"""
