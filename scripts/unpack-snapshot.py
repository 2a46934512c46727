#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""unpack-snapshot.py GIT_DIR TREE_ISH DEST

Write the files of TREE_ISH (e.g. HEAD, or HEAD:linux-4.14.177 for a tree
kept in a subdirectory) from the bare repository GIT_DIR into DEST.

Repository snapshots may lack their largest blobs. `git archive` and
`git checkout` stop at the first one (an exclude pathspec does not help:
git 2.39 still reads the blob), so this asks `git cat-file --batch` for
every blob and skips the missing ones. Their paths are listed in
DEST.missing; none is needed to prepare a tree for module builds.
"""
import os
import subprocess
import sys
import threading


def blobs(git_dir, tree_ish):
    ls = subprocess.run(["git", "--git-dir", git_dir, "ls-tree", "-r", "-z", tree_ish],
                        capture_output=True, check=False)
    if ls.returncode != 0:
        sys.exit(f"{git_dir} {tree_ish}: {ls.stderr.decode().strip()}")
    out = ls.stdout
    for record in out.split(b"\0"):
        if not record:
            continue
        meta, path = record.split(b"\t", 1)
        mode, kind, sha = meta.split()
        if kind == b"blob":
            yield mode, sha, path


def main():
    if len(sys.argv) != 4:
        sys.exit("usage: " + __doc__.strip().splitlines()[0])
    git_dir, tree_ish, dest = sys.argv[1:]
    entries = list(blobs(git_dir, tree_ish))
    batch = subprocess.Popen(["git", "--git-dir", git_dir, "cat-file", "--batch"],
                             stdin=subprocess.PIPE, stdout=subprocess.PIPE)

    # Fed from a thread: cat-file answers while it reads, and a pipe
    # written full before anything is read back would deadlock.
    def feed():
        for _, sha, _ in entries:
            batch.stdin.write(sha + b"\n")
        batch.stdin.close()

    threading.Thread(target=feed, daemon=True).start()
    missing = []
    for mode, sha, path in entries:
        header = batch.stdout.readline().split()
        if header[1] == b"missing":
            missing.append(path)
            continue
        data = batch.stdout.read(int(header[2]))
        batch.stdout.read(1)
        target = os.path.join(dest.encode(), path)
        os.makedirs(os.path.dirname(target), exist_ok=True)
        if os.path.lexists(target):
            os.unlink(target)
        if mode == b"120000":
            os.symlink(data, target)
            continue
        with open(target, "wb") as f:
            f.write(data)
        if mode == b"100755":
            os.chmod(target, 0o755)
    if batch.wait() != 0:
        sys.exit("git cat-file failed")
    with open(dest + ".missing", "wb") as f:
        f.writelines(p + b"\n" for p in missing)
    print(f"{dest}: {len(entries) - len(missing)} files, {len(missing)} missing "
          f"(listed in {dest}.missing)")


if __name__ == "__main__":
    main()
