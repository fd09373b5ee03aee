#!/usr/bin/env python3
"""Write an Odoo source tree out of a git directory, or keep only its Community modules.

    scripts/export_git_tree.py GIT_DIR DEST [PATH_IN_TREE ...]
    scripts/export_git_tree.py --community-only TREE ADDONS_DIR [ADDONS_DIR ...]

The first form writes HEAD's tree (or the paths named) out blob by blob, skipping the blobs
the repository lacks: fetched snapshots may miss their largest files (translations, docs),
so `git checkout` and `git archive` fail on them. Symlinks and executable bits are kept.
The second removes every module of the addons folders whose manifest's licence is Odoo's
proprietary one (OEEL-1, OPL-1): a tree holding enterprise addons beside the Community
ones then installs and tests Community only.
"""

import ast
import os
import shutil
import subprocess
import sys

PROPRIETARY = ("OEEL", "OPL")


def export(gitdir, dest, paths):
    cmd = ["git", "--git-dir", gitdir, "ls-tree", "-r", "-z", "HEAD", "--", *paths]
    listing = subprocess.run(cmd, capture_output=True, check=True).stdout.split(b"\0")
    cat = subprocess.Popen(
        ["git", "--git-dir", gitdir, "cat-file", "--batch"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
    )
    written = missing = 0
    for entry in filter(None, listing):
        meta, path = entry.split(b"\t", 1)
        mode, kind, sha = meta.split()
        if kind != b"blob":
            continue
        cat.stdin.write(sha + b"\n")
        cat.stdin.flush()
        header = cat.stdout.readline()
        if header.endswith(b"missing\n"):
            missing += 1
            continue
        data = cat.stdout.read(int(header.split()[2]))
        cat.stdout.read(1)
        full = os.path.join(dest, path.decode())
        os.makedirs(os.path.dirname(full), exist_ok=True)
        if mode == b"120000":
            if not os.path.lexists(full):
                os.symlink(data.decode(), full)
            continue
        with open(full, "wb") as handle:
            handle.write(data)
        if mode == b"100755":
            os.chmod(full, 0o755)
        written += 1
    cat.stdin.close()
    cat.wait()
    print("written %d files, %d missing in the snapshot" % (written, missing))


def community_only(tree, addons_dirs):
    """Remove the proprietary modules, then those that depend on a module not there."""
    modules = {}
    for addons in addons_dirs:
        folder = os.path.join(tree, addons)
        for name in sorted(os.listdir(folder)):
            manifest = os.path.join(folder, name, "__manifest__.py")
            if os.path.isfile(manifest):
                with open(manifest, encoding="utf-8") as handle:
                    modules[name] = (os.path.join(folder, name), ast.literal_eval(handle.read()))
    removed = {
        name
        for name, (_path, manifest) in modules.items()
        if str(manifest.get("license", "")).startswith(PROPRIETARY)
    }
    while True:
        orphans = {
            name
            for name, (_path, manifest) in modules.items()
            if name not in removed
            and any(dep in removed or dep not in modules for dep in manifest.get("depends", ()))
        }
        if not orphans:
            break
        removed |= orphans
    for name in removed:
        shutil.rmtree(modules[name][0])
    print(
        "kept Community modules only: %d proprietary modules and the modules that need them"
        " left out" % len(removed)
    )


if __name__ == "__main__":
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    if sys.argv[1] == "--community-only":
        community_only(sys.argv[2], sys.argv[3:])
    else:
        export(sys.argv[1], sys.argv[2], sys.argv[3:])
