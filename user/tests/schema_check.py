#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""Check a JSON document against a JSON Schema (2020-12) with Debian's
python3-jsonschema.

usage: schema_check.py SCHEMA DOC
exit 0: valid; 1: not valid, and the path of the error ("a.b.0.c", "" at
the root) on standard output; 2: the schema itself is wrong or a file
cannot be read.
"""
import json
import sys

import jsonschema


def main():
    try:
        with open(sys.argv[1], encoding="utf-8") as f:
            schema = json.load(f)
        with open(sys.argv[2], encoding="utf-8") as f:
            doc = json.load(f)
        jsonschema.Draft202012Validator.check_schema(schema)
    except (OSError, ValueError, jsonschema.SchemaError) as e:
        print(e, file=sys.stderr)
        return 2
    error = jsonschema.exceptions.best_match(
        jsonschema.Draft202012Validator(schema).iter_errors(doc))
    if error is None:
        return 0
    print(".".join(str(p) for p in error.absolute_path))
    print(error.message, file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main())
