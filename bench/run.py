#!/usr/bin/env python3
"""The benchmark runner; start it with bench/run.sh (which installs the peers
and builds the release binaries first). See BENCHMARKS.md for what each part
measures and the goals it checks.

  bench/run.sh                          everything
  bench/run.sh --parts build --runs 5   only the build comparison, 5 runs each
  bench/run.sh --parts functions,submit the functions only

Parts: build, serve, search, weight, functions, submit. Results are printed
as markdown tables and written to target/bench/results.json.
"""

import argparse
import gzip
import http.client
import io
import json
import os
import re
import select
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
import zipfile
import stat
import tomllib

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TARGET = os.path.join(ROOT, "target")
WORK = os.path.join(TARGET, "bench")
CCHC = os.path.join(TARGET, "release", "cchc")
CORPUS = os.path.join(TARGET, "release", "corpus")
SUBMIT = os.path.join(TARGET, "release", "submit-latency")
ELEVENTY = os.path.join(ROOT, "bench", "eleventy", "node_modules", "@11ty", "eleventy", "cmd.cjs")
SEED = 7

results = {"goals": []}


def log(msg):
    print(msg, file=sys.stderr, flush=True)


def goal(name, ok, detail):
    results["goals"].append({"goal": name, "met": bool(ok), "detail": detail})


# --- running and measuring a process -------------------------------------------------

def measure(cmd, cwd=None, env=None, quiet=True):
    """(wall seconds, peak RSS in MiB of the process tree's largest member, exit code)."""
    t0 = time.perf_counter()
    p = subprocess.Popen(cmd, cwd=cwd, env=env,
                         stdout=subprocess.DEVNULL if quiet else None,
                         stderr=subprocess.PIPE)
    err = p.stderr.read()
    _, status, ru = os.wait4(p.pid, 0)
    wall = time.perf_counter() - t0
    p.returncode = os.waitstatus_to_exitcode(status)
    if p.returncode != 0:
        log(f"  {' '.join(cmd)} exited {p.returncode}:\n{err.decode(errors='replace')[-2000:]}")
    return wall, ru.ru_maxrss / 1024.0, p.returncode


TRASH = []


def trash(d):
    """Moves a folder aside; `empty_trash` deletes them all once the
    measurements are done (deleting 15,000 files takes minutes on a busy disk)."""
    if os.path.exists(d):
        dest = os.path.join(WORK, "trash", f"{len(TRASH)}-{os.path.basename(d)}-{os.getpid()}")
        os.makedirs(os.path.dirname(dest), exist_ok=True)
        os.rename(d, dest)
        TRASH.append(dest)


def empty_trash():
    shutil.rmtree(os.path.join(WORK, "trash"), ignore_errors=True)


def count_html(d):
    n = 0
    for _, _, files in os.walk(d):
        n += sum(1 for f in files if f.endswith(".html"))
    return n


def dir_bytes(d):
    total = files = 0
    for base, _, fs in os.walk(d):
        for f in fs:
            total += os.path.getsize(os.path.join(base, f))
            files += 1
    return total, files


def version(cmd):
    try:
        return subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT).stdout.strip().splitlines()[0]
    except Exception as e:  # noqa: BLE001
        return f"unknown ({e})"


def corpus_dir(n):
    return os.path.join(WORK, f"corpus-{n}")


def ensure_corpus(n):
    d = corpus_dir(n)
    stamp = os.path.join(d, ".stamp")
    want = f"{n} {SEED} {os.path.getmtime(CORPUS)}"
    if os.path.exists(stamp) and open(stamp).read() == want:
        # The corpus is kept between runs, but the theme is the one measured:
        # copy today's over it.
        ours_theme = os.path.join(d, "ours", "theme")
        shutil.rmtree(ours_theme)
        shutil.copytree(os.path.join(ROOT, "theme"), ours_theme)
        return d
    log(f"corpus: generating {n} pages")
    subprocess.run([CORPUS, "--pages", str(n), "--seed", str(SEED), "--out", d,
                    "--theme", os.path.join(ROOT, "theme")], check=True, stdout=subprocess.DEVNULL)
    open(stamp, "w").write(want)
    return d


def fmt_ms(s):
    return f"{s * 1000:.0f} ms" if s < 1 else f"{s:.2f} s"


# --- build: ours, Hugo, Eleventy -------------------------------------------------------

def tools(n, run=None):
    """(name, command, cwd, output dir). Each run writes into a fresh folder:
    deleting a 10,000-file tree just before a build makes ext4's inode
    allocator skip the recently freed inodes one by one, which cost any tool
    several seconds of kernel time (seen with perf)."""
    d = corpus_dir(n)
    suffix = "" if run is None else f".run{run}"
    out = lambda t: os.path.join(WORK, "out", f"{t}-{n}{suffix}")  # noqa: E731
    return [
        ("cchc", [CCHC, "--root", os.path.join(d, "ours"), "build", "--out", out("cchc")], None, out("cchc")),
        ("hugo", ["hugo", "--source", os.path.join(d, "hugo"), "--destination", out("hugo"), "--quiet"], None, out("hugo")),
        ("eleventy", ["node", ELEVENTY, "--quiet", f"--output={out('eleventy')}"], os.path.join(d, "eleventy"), out("eleventy")),
    ]


def part_build(sizes, runs):
    rows = {}
    for n in sizes:
        ensure_corpus(n)
        samples = {t[0]: [] for t in tools(n)}
        for r in range(runs + 1):
            for _, _, _, out in tools(n, r):
                trash(out)
        for _, _, _, out in tools(n):
            trash(out)
        time.sleep(2)
        for r in range(runs + 1):  # run 0 warms the page cache and is not counted
            for name, cmd, cwd, out in tools(n, r):
                wall, rss, rc = measure(cmd, cwd=cwd)
                if rc != 0:
                    raise SystemExit(f"{name} failed on {n} pages")
                if r > 0:
                    samples[name].append((wall, rss))
                log(f"  {n} pages  {name:<9} run {r}{' (warm-up)' if r == 0 else ''}: {wall:.2f} s, {rss:.0f} MiB")
        for (name, _, _, out), (_, _, _, last) in zip(tools(n), tools(n, runs)):
            for r in range(runs):
                for _, _, _, o in tools(n, r):
                    trash(o)
            os.rename(last, out)  # the last run's output is kept for the other parts
            walls = [s[0] for s in samples[name]]
            rsss = [s[1] for s in samples[name]]
            rows[(n, name)] = {
                "pages": n, "tool": name, "runs": len(walls),
                "wall_median": statistics.median(walls), "wall_min": min(walls), "wall_max": max(walls),
                "rss_median": statistics.median(rsss), "rss_max": max(rsss),
                "html": count_html(out), "out_bytes": dir_bytes(out)[0],
            }
    print("\n### Builds\n")
    print("| pages | tool | median wall | min–max | peak RSS (median) | HTML files | output | cchc wall ratio | cchc RSS ratio |")
    print("|---:|---|---:|---:|---:|---:|---:|---:|---:|")
    for (n, name), row in rows.items():
        ours = rows[(n, "cchc")]
        ratio_w = ours["wall_median"] / row["wall_median"]
        ratio_m = ours["rss_median"] / row["rss_median"]
        row["ratio_wall"], row["ratio_rss"] = ratio_w, ratio_m
        print(f"| {n:,} | {name} | {fmt_ms(row['wall_median'])} | {row['wall_min']:.2f}–{row['wall_max']:.2f} s "
              f"| {row['rss_median']:.0f} MiB | {row['html']:,} | {row['out_bytes'] / 1048576:.0f} MiB "
              f"| {'—' if name == 'cchc' else f'{ratio_w:.2f}×'} | {'—' if name == 'cchc' else f'{ratio_m:.2f}×'} |")
    results["build"] = list(rows.values())
    big = max(sizes)
    if (big, "hugo") in rows:
        o, h = rows[(big, "cchc")], rows[(big, "hugo")]
        goal(f"{big:,} pages: cchc wall ≤ 0.25× Hugo", o["wall_median"] <= 0.25 * h["wall_median"],
             f"{o['wall_median']:.2f} s vs {h['wall_median']:.2f} s = {o['wall_median'] / h['wall_median']:.2f}×")
        goal(f"{big:,} pages: cchc peak RSS ≤ 0.25× Hugo", o["rss_median"] <= 0.25 * h["rss_median"],
             f"{o['rss_median']:.0f} MiB vs {h['rss_median']:.0f} MiB = {o['rss_median'] / h['rss_median']:.2f}×")
    small = min(sizes)
    if small != big:
        a, b = rows[(small, "cchc")], rows[(big, "cchc")]
        k = big // small
        goal(f"cchc: {big:,}-page time ≤ {k + 1}× the {small:,}-page time",
             b["wall_median"] <= (k + 1) * a["wall_median"],
             f"{b['wall_median']:.2f} s / {a['wall_median']:.2f} s = {b['wall_median'] / a['wall_median']:.1f}×")


# --- serve: re-render latency -------------------------------------------------------------

def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def part_serve(n, edits=9):
    d = os.path.join(ensure_corpus(n), "ours")
    port = free_port()
    t0 = time.perf_counter()
    p = subprocess.Popen([CCHC, "--root", d, "serve", "--port", str(port)],
                         stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    startup = None
    log_lines = []

    def pump():
        for line in p.stdout:
            log_lines.append(line.rstrip())

    try:
        while True:
            line = p.stdout.readline()
            if not line:
                raise SystemExit("cchc serve exited:\n" + "\n".join(log_lines))
            log_lines.append(line.rstrip())
            if line.startswith("Serving on"):
                startup = time.perf_counter() - t0
                break
        threading.Thread(target=pump, daemon=True).start()
        # The page to edit: the first article; only its body changes, so its
        # listing data is unchanged and the server takes the one-page path.
        arts = sorted(f for f in os.listdir(os.path.join(d, "content", "kien-thuc")) if f != "_index.md")
        path = os.path.join(d, "content", "kien-thuc", arts[0])
        url = "/kien-thuc/" + arts[0][:-3] + "/"
        original = open(path, encoding="utf-8").read()
        sse = socket.create_connection(("127.0.0.1", port))
        sse.sendall(f"GET /_livereload HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nAccept: text/event-stream\r\n\r\n".encode())
        buf = b""

        def wait_event(count, timeout=10.0):
            nonlocal buf
            end = time.perf_counter() + timeout
            while buf.count(b"data: ") < count:
                left = end - time.perf_counter()
                if left <= 0 or not select.select([sse], [], [], left)[0]:
                    raise SystemExit("no live-reload event within 10 s:\n" + "\n".join(log_lines[-5:]))
                chunk = sse.recv(65536)
                if not chunk:
                    raise SystemExit("live-reload stream closed")
                buf += chunk
            return time.perf_counter()

        wait_event(1)  # the current version, sent on connect
        lat, fetch = [], []
        for k in range(edits):
            marker = f"Đoạn sửa thử số {k} để đo thời gian dựng lại."
            text = original + f"\n{marker}\n"
            t_write = time.perf_counter()
            with open(path, "w", encoding="utf-8") as f:
                f.write(text)
            t_event = wait_event(k + 2)
            c = http.client.HTTPConnection("127.0.0.1", port)
            c.request("GET", url)
            body = c.getresponse().read().decode()
            t_page = time.perf_counter()
            if marker not in body:
                raise SystemExit(f"edit {k}: the page was not re-rendered:\n" + "\n".join(log_lines[-5:]))
            lat.append(t_event - t_write)
            fetch.append(t_page - t_write)
            time.sleep(0.3)
        with open(path, "w", encoding="utf-8") as f:
            f.write(original)
        time.sleep(0.3)
        sse.close()
    finally:
        p.send_signal(signal.SIGINT)
        try:
            p.wait(5)
        except subprocess.TimeoutExpired:
            p.kill()
    rerender = [l for l in log_lines if l.startswith("Re-rendered")]
    row = {
        "pages": n, "startup_s": startup, "edits": edits,
        "event_ms_median": statistics.median(lat) * 1000, "event_ms_max": max(lat) * 1000,
        "page_ms_median": statistics.median(fetch) * 1000,
        "server_log": rerender[-3:],
    }
    results["serve"] = row
    print(f"\n### `cchc serve` on {n:,} pages\n")
    print("| startup (build into memory) | edits | write → reload event (median / max) | write → new page fetched (median) |")
    print("|---:|---:|---:|---:|")
    print(f"| {startup:.2f} s | {edits} | {row['event_ms_median']:.0f} / {row['event_ms_max']:.0f} ms | {row['page_ms_median']:.0f} ms |")
    print(f"\nserver log: {'; '.join(row['server_log'])}")
    goal(f"one edited page re-rendered and reload sent ≤ 50 ms ({n:,} pages)", max(lat) * 1000 <= 50,
         f"median {row['event_ms_median']:.0f} ms, max {row['event_ms_max']:.0f} ms")


# --- search: index size and bytes per query -----------------------------------------------

QUERIES = [
    "thu tuc hanh chinh", "thủ tục hành chính", "dich vu cong truc tuyen", "nghi dinh", "dang ky",
    "một cửa liên thông", "can bo cong chuc", "so hoa ho so", "danh gia chi so cai cach",
    "ủy ban nhân dân cấp xã", "trach nhiem", "minh bach", "hanh ch", "quyet dinh 1",
]


def built_site(n):
    out = os.path.join(WORK, "out", f"cchc-{n}")
    if not os.path.exists(os.path.join(out, "index.html")):
        ensure_corpus(n)
        subprocess.run([CCHC, "--root", os.path.join(corpus_dir(n), "ours"), "build", "--out", out],
                       check=True, stdout=subprocess.DEVNULL)
    return out


def part_search(n):
    out = built_site(n)
    idx = os.path.join(out, "tim-kiem", "chi-muc")
    total, files = dir_bytes(idx)
    manifest = os.path.getsize(os.path.join(idx, "manifest.json"))
    shards = dir_bytes(os.path.join(idx, "s"))
    res = subprocess.run(["node", os.path.join(ROOT, "bench", "query_bytes.mjs"), out, *QUERIES],
                         capture_output=True, text=True, check=True)
    qs = [json.loads(l) for l in res.stdout.splitlines() if l.strip()]
    results["search"] = {"pages": n, "index_bytes": total, "index_files": files, "manifest": manifest,
                         "shards": shards, "queries": qs}
    print(f"\n### Search on {n:,} pages\n")
    print(f"Index: {total / 1048576:.1f} MiB in {files:,} files (manifest {manifest / 1024:.1f} kB, "
          f"{shards[1]:,} shards of {shards[0] / 1048576:.1f} MiB, the rest metadata chunks).\n")
    print("| query | results | files fetched | raw | gzip |")
    print("|---|---:|---:|---:|---:|")
    for q in qs:
        print(f"| {q['query']} | {q['hits']:,} | {q['files']} | {q['raw'] / 1000:.1f} kB | {q['gzip'] / 1000:.1f} kB |")
    worst_raw = max(q["raw"] for q in qs)
    worst_gz = max(q["gzip"] for q in qs)
    goal(f"a search query downloads ≤ 150 kB ({n:,} pages)", worst_raw <= 150_000,
         f"worst {worst_raw / 1000:.0f} kB raw, {worst_gz / 1000:.0f} kB gzip")


# --- page weight -------------------------------------------------------------------------

TYPES = [
    ("home", r"^index\.html$"),
    ("article", r"^kien-thuc/[^/]+/index\.html$"),
    ("document", r"^van-ban/(?!trang/|cu-nhat/|loai/|co-quan/|linh-vuc/|nam/)[^/]+/index\.html$"),
    ("question", r"^hoi-dap/(?!trang/)[^/]+/index\.html$"),
    ("consultation", r"^gop-y/(?!trang/)[^/]+/index\.html$"),
    ("news item", r"^tin-tuc/(?!trang/)[^/]+/index\.html$"),
    ("survey", r"^khao-sat/[^/]+/index\.html$"),
    ("survey form", r"^khao-sat/[^/]+/[^/]+/index\.html$"),
    ("section list", r"^(kien-thuc|hoi-dap|tin-tuc|gop-y)/(trang/\d+/)?index\.html$"),
    ("documents list", r"^van-ban/((cu-nhat/)?(trang/\d+/)?|(loai|co-quan|linh-vuc|nam)/[^/]+/(cu-nhat/)?(trang/\d+/)?)index\.html$"),
    ("taxonomy term", r"^(the|linh-vuc)/[^/]+/(trang/\d+/)?index\.html$"),
    ("taxonomy list", r"^(the|linh-vuc)/index\.html$"),
    ("search", r"^tim-kiem/index\.html$"),
    ("plain page", r"^(gioi-thieu|lien-he|chinh-sach-bao-mat)/index\.html$"),
    ("404", r"^404\.html$"),
]


def gz(b):
    return len(gzip.compress(b, 6))


def page_weights(out):
    by_type = {t: [] for t, _ in TYPES}
    for base, _, fs in os.walk(out):
        for f in fs:
            if not f.endswith(".html"):
                continue
            rel = os.path.relpath(os.path.join(base, f), out)
            for t, pat in TYPES:
                if re.match(pat, rel):
                    by_type[t].append((os.path.getsize(os.path.join(base, f)), rel))
                    break
    asset_cache = {}

    def asset(url):
        if url not in asset_cache:
            p = os.path.join(out, url.lstrip("/").split("?")[0])
            asset_cache[url] = gz(open(p, "rb").read()) if os.path.isfile(p) else 0
        return asset_cache[url]

    rows = {}
    for t, items in by_type.items():
        if not items:
            continue
        worst = None
        for _, rel in sorted(items, reverse=True)[:25]:  # the largest files of the type
            html = open(os.path.join(out, rel), "rb").read()
            text = html.decode("utf-8", "replace")
            css = re.findall(r'<link rel="stylesheet" href="([^"]+)"', text)
            js = re.findall(r'<script[^>]* src="([^"]+)"', text)
            h = gz(html)
            c = sum(asset(u) for u in css)
            j = sum(asset(u) for u in js)
            if worst is None or h + c + j > worst["total"]:
                worst = {"type": t, "page": "/" + rel[:-len("index.html")] if rel.endswith("index.html") else "/" + rel,
                         "html_raw": len(html), "html": h, "css": c, "js": j, "total": h + c + j, "count": len(items)}
        rows[t] = worst
    return rows


def part_weight(n):
    sites = [("shipped site", os.path.join(WORK, "out", "shipped"), True), (f"{n:,}-page corpus", built_site(n), False)]
    shutil.rmtree(sites[0][1], ignore_errors=True)
    subprocess.run([CCHC, "--root", ROOT, "build", "--out", sites[0][1]], check=True, stdout=subprocess.DEVNULL)
    results["weight"] = {}
    print("\n### Bytes transferred per page type (gzip level 6, HTML + CSS + JS; the largest page of each type)\n")
    print("| site | type | pages | heaviest page | HTML raw | HTML | CSS | JS | total |")
    print("|---|---|---:|---|---:|---:|---:|---:|---:|")
    worst = None
    for label, out, _ in sites:
        rows = page_weights(out)
        results["weight"][label] = rows
        for t, r in rows.items():
            print(f"| {label} | {t} | {r['count']:,} | `{r['page']}` | {r['html_raw'] / 1000:.1f} kB | {r['html'] / 1000:.1f} kB "
                  f"| {r['css'] / 1000:.1f} kB | {r['js'] / 1000:.1f} kB | **{r['total'] / 1000:.1f} kB** |")
            if worst is None or r["total"] > worst["total"]:
                worst = dict(r, site=label)
    data = os.path.join(sites[1][1], "van-ban", "du-lieu.json")
    if os.path.exists(data):
        b = open(data, "rb").read()
        print(f"\nThe documents filter data (`/van-ban/du-lieu.json`, fetched on the first filter change, "
              f"not on page load) on the {n:,}-page corpus: {len(b) / 1000:.0f} kB raw, {gz(b) / 1000:.0f} kB gzip.")
        results["weight"]["filter_data"] = {"raw": len(b), "gzip": gz(b)}
    goal("every page type ≤ 30 kB transferred", worst["total"] <= 30_000,
         f"heaviest: {worst['type']} `{worst['page']}` ({worst['site']}) {worst['total'] / 1000:.1f} kB")


# --- functions: artefacts, start-to-ready, RSS ----------------------------------------------

def template_functions():
    """[(logical id, crate folder, binary, env var names)] from infra/template.yaml."""
    text = open(os.path.join(ROOT, "infra", "template.yaml"), encoding="utf-8").read()
    body = text.split("\nResources:\n", 1)[1]
    body = re.split(r"\n(?=[A-Za-z])", body, maxsplit=1)[0]
    out = []
    for block in re.split(r"\n(?=  [A-Za-z0-9]+:\s*$)", body, flags=re.M):
        head = re.match(r"\s*([A-Za-z0-9]+):", block)
        if not head or not re.search(r"^\s+Type: AWS::Serverless::Function\s*$", block, re.M):
            continue
        uri = re.search(r"^\s+CodeUri: (\S+)", block, re.M)
        binary = re.search(r"^\s+Binary: (\S+)", block, re.M)
        if not uri or not binary:
            continue
        folder = os.path.normpath(os.path.join("infra", uri.group(1)))
        env = re.findall(r"^\s+([A-Z][A-Z0-9_]+):", block.split("Variables:", 1)[1], re.M) if "Variables:" in block else []
        out.append((head.group(1), folder, binary.group(1), env))
    return out


def zipped_size(path):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        info = zipfile.ZipInfo("bootstrap")
        info.external_attr = (stat.S_IFREG | 0o755) << 16
        info.compress_type = zipfile.ZIP_DEFLATED
        z.writestr(info, open(path, "rb").read())
    return buf.tell()


class FakeRuntime:
    """The Lambda Runtime API, enough to see a function become ready: a socket
    on which the harness itself accepts the function's first request and reads
    its head. No server thread: a thread per request (http.server) added up to
    ~5 ms of Python scheduling to what was measured."""

    def __init__(self):
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(8)
        self.port = self.sock.getsockname()[1]

    def first_request(self, timeout):
        """(request line, perf_counter when its head was read) or (None, None)."""
        self.sock.settimeout(timeout)
        try:
            conn, _ = self.sock.accept()
        except socket.timeout:
            return None, None
        conn.settimeout(timeout)
        head = b""
        try:
            while b"\r\n\r\n" not in head:
                chunk = conn.recv(4096)
                if not chunk:
                    break
                head += chunk
        except socket.timeout:
            pass
        at = time.perf_counter()
        self.conn = conn
        return head.split(b"\r\n", 1)[0].decode(errors="replace"), at

    def close(self):
        if getattr(self, "conn", None):
            self.conn.close()
        self.sock.close()


def function_env(binary, names, port):
    env = {k: v for k, v in os.environ.items() if k in ("PATH", "HOME", "LANG")}
    values = {
        "CCHC_TABLE": "cchc-bench", "TABLE_NAME": "cchc-bench", "CCHC_ENV": "bench",
        "CCHC_TOKEN_SECRET": "bench-secret-bench-secret-bench-secret!",
        "CCHC_BASE_URL": "https://cchc.example.gov.vn", "CCHC_MAIL_FROM": "khao-sat@cchc.example.gov.vn",
        "CCHC_SES_CONFIGURATION_SET": "cchc-bench", "CCHC_CONTENT_DIR": os.path.join(ROOT, "content"),
        "CCHC_LINK_KEY": "0123456789abcdef" * 4, "CCHC_TRUSTED_PROXY_HOPS": "1",
        "CCHC_ATTACHMENTS_BUCKET": "cchc-bench-attachments",
    }
    for name in names:
        if name.endswith("_PARAM"):
            # Secrets come from the environment locally (lambda-config); in AWS the
            # template names an SSM parameter, read once at start-up (not measured here).
            base = name[: -len("_PARAM")]
            env[base] = values.get(base, "bench-secret-bench-secret-bench-secret!")
        else:
            env[name] = values.get(name, f"bench-{name.lower()}")
    env.update({
        "AWS_LAMBDA_RUNTIME_API": f"127.0.0.1:{port}", "AWS_LAMBDA_FUNCTION_NAME": f"cchc-bench-{binary}",
        "AWS_LAMBDA_FUNCTION_MEMORY_SIZE": "128", "AWS_LAMBDA_FUNCTION_VERSION": "$LATEST",
        "AWS_LAMBDA_LOG_STREAM_NAME": "bench", "AWS_LAMBDA_LOG_GROUP_NAME": f"/aws/lambda/cchc-bench-{binary}",
        "AWS_REGION": "ap-southeast-1", "AWS_DEFAULT_REGION": "ap-southeast-1",
        "AWS_ACCESS_KEY_ID": "AKIDBENCHBENCHBENCH", "AWS_SECRET_ACCESS_KEY": "bench-secret-key",
        "AWS_SESSION_TOKEN": "bench-session-token", "AWS_EC2_METADATA_DISABLED": "true",
        "RUST_LOG": "warn",
    })
    return env


def start_to_ready(path, binary, names):
    """(seconds from fork to the first GET /runtime/invocation/next, VmHWM in MiB
    at that moment, error). VmHWM is the process's own high-water mark: the
    rusage of the child would include the Python parent it was forked from."""
    rt = FakeRuntime()
    env = function_env(binary, names, rt.port)
    t0 = time.perf_counter()
    p = subprocess.Popen([path], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    line, at = rt.first_request(10)
    ok = line is not None and line.startswith("GET ") and "/runtime/invocation/next" in line
    hwm = None
    if ok:
        try:
            status = open(f"/proc/{p.pid}/status").read()
            hwm = int(re.search(r"VmHWM:\s+(\d+) kB", status).group(1)) / 1024.0
        except (OSError, AttributeError):
            ok = False
    p.kill()
    p.wait()
    err = p.stderr.read().decode(errors="replace")
    rt.close()
    if not ok:
        return None, None, (err[-500:] or f"first request: {line}")
    return at - t0, hwm, None


# The profile of the deployed artefacts (root Cargo.toml, scripts/lambda-build.sh):
# the native binaries timed here are built with it too.
LAMBDA_PROFILE = "lambda-small"


def part_functions(tries=7):
    fns = template_functions()
    present = []
    for logical, folder, binary, env in fns:
        ok = os.path.exists(os.path.join(ROOT, folder, "Cargo.toml")) and (
            os.path.exists(os.path.join(ROOT, folder, "src", "main.rs"))
            or "[[bin]]" in open(os.path.join(ROOT, folder, "Cargo.toml")).read())
        present.append((logical, folder, binary, env, ok))
    # All functions natively in one cargo run (shared dependencies compile once),
    # with the deployed profile.
    packages = []
    for _, folder, _, _, ok in present:
        if ok:
            packages += ["-p", tomllib.load(open(os.path.join(ROOT, folder, "Cargo.toml"), "rb"))["package"]["name"]]
    build_err = arm_err = None
    if packages:
        # The arm64 artefacts as `sam build` makes them (a no-op when they are current),
        # so the sizes below are of this run's code, not of an older build.
        log(f"functions: scripts/lambda-build.sh (arm64, profile {LAMBDA_PROFILE})")
        arm = subprocess.run(["nice", os.path.join(ROOT, "scripts", "lambda-build.sh")], cwd=ROOT,
                             env={**os.environ, "LAMBDA_PROFILE": LAMBDA_PROFILE,
                                  "LAMBDA_MAX_ZIP_BYTES": str(10**9)},
                             capture_output=True, text=True)
        if arm.returncode != 0:
            arm_err = (arm.stderr.strip().splitlines() or ["failed"])[-1]
            log("functions: scripts/lambda-build.sh failed:\n" + arm.stderr[-2000:])
        log(f"functions: cargo build --profile {LAMBDA_PROFILE} {' '.join(packages)}")
        b = subprocess.run(["nice", "cargo", "build", "-q", "--profile", LAMBDA_PROFILE] + packages,
                           cwd=ROOT, capture_output=True, text=True)
        if b.returncode != 0:
            build_err = b.stderr.strip().splitlines()[-1] if b.stderr.strip() else "failed"
    rows = []
    for logical, folder, binary, env, ok in present:
        row = {"function": logical, "binary": binary}
        if not ok:
            row["note"] = f"{folder}: not written yet"
            rows.append(row)
            continue
        art = os.path.join(TARGET, "lambda", LAMBDA_PROFILE, binary, "bootstrap")
        if arm_err:
            # An older artefact may still be there; its size is not this run's.
            row["note"] = f"arm64 build failed: {arm_err}"
        elif os.path.exists(art):
            row["artefact_raw"] = os.path.getsize(art)
            row["artefact_zip"] = zipped_size(art)
            row["artefact_age_h"] = (time.time() - os.path.getmtime(art)) / 3600
        native = os.path.join(TARGET, LAMBDA_PROFILE, binary)
        if build_err or not os.path.exists(native):
            row["note"] = (row.get("note", "") + f" native build failed: {build_err}").strip()
            rows.append(row)
            continue
        row["native_raw"] = os.path.getsize(native)
        times, rss, err = [], [], None
        for _ in range(tries):
            t, m, e = start_to_ready(native, binary, env)
            if t is None:
                err = e
                break
            times.append(t)
            rss.append(m)
        if times:
            row.update({"ready_ms_median": statistics.median(times) * 1000, "ready_ms_max": max(times) * 1000,
                        "rss_mib": max(rss)})
        else:
            row["note"] = f"never called /next: {err.strip().splitlines()[-1] if err.strip() else 'no output'}"
        rows.append(row)
    results["functions"] = rows
    print("\n### Functions\n")
    print(f"Profile `{LAMBDA_PROFILE}`; artefacts from `scripts/lambda-build.sh` (target/lambda/{LAMBDA_PROFILE}/), "
          f"native binaries started {tries} times each.\n")
    print("| function | arm64 artefact (stripped) | zipped | native start → ready (median / max) | peak RSS at ready | note |")
    print("|---|---:|---:|---:|---:|---|")
    for r in rows:
        raw = f"{r['artefact_raw'] / 1048576:.1f} MiB" if "artefact_raw" in r else "not built"
        z = f"{r['artefact_zip'] / 1e6:.2f} MB ({r['artefact_zip'] / 1048576:.2f} MiB)" if "artefact_zip" in r else "—"
        ready = f"{r['ready_ms_median']:.1f} / {r['ready_ms_max']:.1f} ms" if "ready_ms_median" in r else "—"
        rss = f"{r['rss_mib']:.1f} MiB" if "rss_mib" in r else "—"
        print(f"| {r['function']} (`{r['binary']}`) | {raw} | {z} | {ready} | {rss} | {r.get('note', '')} |")
        if "ready_ms_median" in r:
            goal(f"{r['function']}: start to ready ≤ 15 ms", r["ready_ms_max"] <= 15, f"median {r['ready_ms_median']:.1f} ms, max {r['ready_ms_max']:.1f} ms")
            goal(f"{r['function']}: RSS ≤ 20 MB", r["rss_mib"] * 1.048576 <= 20, f"{r['rss_mib'] * 1.048576:.1f} MB")
        if "artefact_zip" in r:
            goal(f"{r['function']}: artefact ≤ 5 MB zipped", r["artefact_zip"] <= 5_000_000, f"{r['artefact_zip'] / 1e6:.2f} MB")


def part_submit():
    res = subprocess.run([SUBMIT], capture_output=True, text=True, cwd=ROOT)
    if res.returncode != 0:
        raise SystemExit("submit-latency failed:\n" + res.stderr[-2000:])
    r = json.loads(res.stdout.strip().splitlines()[-1])
    results["submit"] = r
    print("\n### Survey submit handler, warm, embedded SQLite store\n")
    print("| request | samples | p50 | p90 | p99 | max |")
    print("|---|---:|---:|---:|---:|---:|")
    for label, x in [("invited submit (`…/nop`)", r), ("public submit (`…/cong-khai/…`)", r["public"])]:
        print(f"| {label} | {x['n']:,} | {x['p50_us'] / 1000:.2f} ms | {x['p90_us'] / 1000:.2f} ms "
              f"| {x['p99_us'] / 1000:.2f} ms | {x['max_us'] / 1000:.2f} ms |")
    print(f"\n{r['what']}")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="1000,10000")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--parts", default="build,serve,search,weight,functions,submit")
    a = ap.parse_args()
    sizes = [int(s) for s in a.sizes.split(",")]
    parts = a.parts.split(",")
    big = max(sizes)
    os.makedirs(WORK, exist_ok=True)
    load = os.getloadavg()
    results["machine"] = {
        "cpus": os.cpu_count(), "load_before": load,
        "cpu": next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "?"),
        "mem": next((l.split(":", 1)[1].strip() for l in open("/proc/meminfo") if l.startswith("MemTotal")), "?"),
    }
    results["versions"] = {
        "cchc": version(["git", "rev-parse", "--short", "HEAD"]),
        "hugo": version(["hugo", "version"]),
        "eleventy": version(["node", ELEVENTY, "--version"]),
        "node": version(["node", "--version"]),
        "rustc": version(["rustc", "--version"]),
    }
    sys.stdout.reconfigure(line_buffering=True)
    print(f"## Benchmark ({time.strftime('%Y-%m-%d %H:%M')})\n")
    print(f"Machine: {results['machine']['cpus']} CPUs ({results['machine']['cpu']}), {results['machine']['mem']} RAM; "
          f"load average before: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}.")
    print("Versions: " + "; ".join(f"{k} {v}" for k, v in results["versions"].items()) + ".")
    if "build" in parts:
        part_build(sizes, a.runs)
    if "serve" in parts:
        part_serve(big)
    if "search" in parts:
        part_search(big)
    if "weight" in parts:
        part_weight(big)
    if "functions" in parts:
        part_functions()
    if "submit" in parts:
        part_submit()
    load = os.getloadavg()
    results["machine"]["load_after"] = load
    print(f"\nLoad average after: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}.")
    if results["goals"]:
        print("\n### Goals\n")
        print("| goal | met | measured |")
        print("|---|---|---|")
        for g in results["goals"]:
            print(f"| {g['goal']} | {'yes' if g['met'] else '**no**'} | {g['detail']} |")
    with open(os.path.join(WORK, "results.json"), "w") as f:
        json.dump(results, f, indent=1, ensure_ascii=False, default=str)
    log("removing the other runs' outputs")
    empty_trash()


if __name__ == "__main__":
    main()
