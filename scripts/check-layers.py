#!/usr/bin/env python3
"""Checks the workspace's layout rules (ARCHITECTURE.md, "Floors"):

1. Crates stand on floors and depend only on lower floors (normal, dev and
   build dependencies alike):
     0  crates/*        shared libraries (text, content, markdown, survey-core, evaluation)
     1  functions/* libraries and generator/*: plumbing, domain, the site
     2  functions/* with a Lambda binary (src/main.rs)
     3  the cchc CLI (root) and bench/
   A crate may use a crate of its own floor only within one folder, and the
   code of generator/ and functions/ never uses the other folder (a test may
   use any lower floor: the questions function's tests build the site).
2. No import circle between the files of one crate: `use crate::…`,
   `super::…` and `crate::…` paths are edges from a file to the file that
   defines the item (through `pub use` re-exports of lib.rs / mod.rs); a
   re-export itself is not an edge, and a file's own `#[cfg(test)]` module
   is ignored.

Prints each violation and exits 1 if there is any. Needs only `cargo
metadata` and Python 3.
"""

import json
import os
import re
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def floor_of(rel, has_bin):
    top = rel.split("/")[0]
    if top == "crates":
        return 0, "crates"
    if top == "generator":
        return 1, "generator"
    if top == "functions":
        return (2 if has_bin else 1), "functions"
    return 3, "top"


def packages():
    out = subprocess.run(
        ["cargo", "metadata", "--format-version", "1", "--no-deps", "--offline"],
        cwd=ROOT, check=True, capture_output=True, text=True,
    ).stdout
    meta = json.loads(out)
    pkgs = {}
    for p in meta["packages"]:
        d = os.path.dirname(p["manifest_path"])
        rel = os.path.relpath(d, ROOT).replace(os.sep, "/")
        has_bin = any("bin" in t["kind"] for t in p["targets"]) and rel != "."
        pkgs[p["name"]] = {
            "dir": d,
            "rel": rel,
            "floor": floor_of(rel, has_bin),
            "deps": [(x["name"], x.get("kind") or "normal") for x in p["dependencies"] if x.get("path")],
        }
    return pkgs


def crate_problems(pkgs):
    problems = []
    for name, p in sorted(pkgs.items()):
        f, folder = p["floor"]
        for dep, kind in p["deps"]:
            if dep not in pkgs or dep == name:
                continue
            df, dfolder = pkgs[dep]["floor"]
            why = None
            if df > f:
                why = f"floor {df} above floor {f}"
            elif df == f and folder != dfolder:
                why = f"{dfolder}/ beside {folder}/ on one floor"
            elif df == 2 and f < 3:
                why = "a Lambda binary crate used as a library"
            elif kind == "normal" and {folder, dfolder} == {"generator", "functions"}:
                # A test may build the site below a function's floor (the
                # questions function's pull -> build -> notify scenario); the
                # code itself never crosses between the two folders.
                why = f"{folder}/ uses {dfolder}/"
            if why:
                problems.append(f"{p['rel']}: {kind} dependency on {dep} ({pkgs[dep]['rel']}): {why}")
    return problems


USE_RE = re.compile(r"\buse\s+((?:crate|super|self)(?:::[A-Za-z_][A-Za-z0-9_]*)*(?:::\{[^;]*\})?)\s*;", re.S)
PATH_RE = re.compile(r"\b((?:crate|super)(?:::[A-Za-z_][A-Za-z0-9_]*)+)")


def strip_tests_and_comments(text):
    text = re.sub(r"//[^\n]*", "", text)
    m = re.search(r"#\[cfg\(test\)\]\s*mod\s+\w+\s*\{", text)
    return text[: m.start()] if m else text


def module_files(src):
    """module path tuple -> file, for every .rs under src/."""
    mods = {}
    for dirpath, _, files in os.walk(src):
        for fn in files:
            if not fn.endswith(".rs"):
                continue
            full = os.path.join(dirpath, fn)
            rel = os.path.relpath(full, src).replace(os.sep, "/")[:-3].split("/")
            if rel[-1] in ("lib", "main", "mod"):
                rel = rel[:-1]
            if rel and rel[0] == "bin":
                continue
            mods[tuple(rel)] = full
    return mods


def expand(path):
    """crate::a::{b, c::d} -> [crate::a::b, crate::a::c::d] (one level of braces)."""
    path = re.sub(r"\s+", "", path)
    m = re.match(r"^(.*?)::\{(.*)\}$", path)
    if not m:
        return [path]
    base, inner = m.group(1), m.group(2)
    parts, depth, cur = [], 0, ""
    for ch in inner:
        if ch == "," and depth == 0:
            parts.append(cur)
            cur = ""
            continue
        depth += ch == "{"
        depth -= ch == "}"
        cur += ch
    parts.append(cur)
    out = []
    for p in filter(None, parts):
        p = p.split(" as ")[0]
        out.extend(expand(base + "::" + p) if "{" in p else [base + "::" + p])
    return out


def reexports(text):
    """name -> path for the `pub use x::y::Name` lines of a module file."""
    out = {}
    for m in re.finditer(r"\bpub(?:\([a-z]+\))?\s+use\s+([^;]+);", text):
        for p in expand(m.group(1)):
            p = p.replace(" ", "")
            name = p.split("::")[-1]
            if " as " in m.group(1):
                alias = re.search(r"as\s+(\w+)", m.group(1))
                if alias and "{" not in m.group(1):
                    name = alias.group(1)
            out[name] = p
    return out


def resolve(segs, here, mods, texts, depth=0):
    """The file defining the item at path `segs` (absolute module path), or None."""
    if depth > 8:
        return None
    # Longest module prefix.
    for n in range(len(segs), -1, -1):
        mod = tuple(segs[:n])
        if mod in mods:
            rest = segs[n:]
            f = mods[mod]
            if rest and rest[0] != "*":
                target = reexports(texts[f]).get(rest[0])
                if target:
                    t = target.split("::")
                    base = absolute(t, mod)
                    if base is not None:
                        r = resolve(base + rest[1:], mod, mods, texts, depth + 1)
                        if r:
                            return r
            return f
    return None


def absolute(segs, mod):
    """A path as written in module `mod`, made absolute (None for external crates)."""
    if not segs:
        return None
    if segs[0] == "crate":
        return segs[1:]
    out = list(mod)
    i = 0
    while i < len(segs) and segs[i] in ("super", "self"):
        if segs[i] == "super":
            if not out:
                return None
            out.pop()
        i += 1
    if i == 0:
        # A child module of this one (`use child::X` after `mod child;`).
        return out + segs
    return out + segs[i:]


def file_problems(pkgs):
    problems = []
    for name, p in sorted(pkgs.items()):
        src = os.path.join(p["dir"], "src")
        if not os.path.isdir(src):
            continue
        mods = module_files(src)
        files = {f: m for m, f in mods.items()}
        texts = {f: strip_tests_and_comments(open(f, encoding="utf-8").read()) for f in files}
        edges = {f: set() for f in files}
        for f, mod in files.items():
            text = texts[f]
            is_mod_file = os.path.basename(f) in ("lib.rs", "main.rs", "mod.rs")
            body = re.sub(r"\bpub(?:\([a-z]+\))?\s+use\s+[^;]+;", "", text) if is_mod_file else text
            paths = []
            for m in USE_RE.finditer(body):
                paths.extend(expand(m.group(1)))
            for m in PATH_RE.finditer(USE_RE.sub("", body)):
                paths.append(m.group(1))
            for path in paths:
                segs = absolute(path.split("::"), mod)
                if segs is None:
                    continue
                target = resolve(segs, mod, mods, texts)
                if target and target != f:
                    edges[f].add(target)
        for scc in sccs(edges):
            if len(scc) > 1:
                names = ", ".join(sorted(os.path.relpath(x, ROOT) for x in scc))
                problems.append(f"{p['rel']}: import circle between {names}")
    return problems


def sccs(edges):
    index, low, stack, on, out = {}, {}, [], set(), []
    counter = [0]

    def visit(v):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in edges[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            out.append(comp)

    sys.setrecursionlimit(10000)
    for v in edges:
        if v not in index:
            visit(v)
    return out


# Violations known and still to be removed (issue 13, step 2: the invitation
# domain in one crate, the survey function on web). A ratchet: a violation not
# listed fails the run, and so does a listed one that is gone (delete its line).
KNOWN = {
    "functions/invitations: normal dependency on survey (functions/survey): a Lambda binary crate used as a library",
    "functions/outreach: normal dependency on survey (functions/survey): floor 2 above floor 1",
    "functions/report: dev dependency on survey (functions/survey): floor 2 above floor 1",
    "functions/survey: import circle between functions/survey/src/invited.rs, functions/survey/src/mailbox.rs, functions/survey/src/pages/form.rs, functions/survey/src/public.rs, functions/survey/src/resend.rs, functions/survey/src/routes.rs",
}


def main():
    pkgs = packages()
    found = crate_problems(pkgs) + file_problems(pkgs)
    for line in sorted(KNOWN & set(found)):
        print(f"check-layers: known, still to remove: {line}")
    problems = [p for p in found if p not in KNOWN]
    problems += [f"fixed, delete it from KNOWN: {k}" for k in sorted(KNOWN - set(found))]
    for line in problems:
        print(f"check-layers: {line}")
    if problems:
        print(f"check-layers: {len(problems)} layout violation(s)", file=sys.stderr)
        return 1
    print(f"check-layers: {len(pkgs)} crates, no new dependency on a higher floor or import circle ({len(KNOWN)} known)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
