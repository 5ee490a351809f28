#!/usr/bin/env python3
"""Copr's speed from upload to installable, against the physical limit of the same work by hand.

Starts its own stack (dev/stack, two build-workers, own ports, databases and storage), then:
  1. by hand: rpmbuild --rebuild + createrepo_c --update for each SRPM in a shell-like loop
     (the physical limit on this machine), once before the stack starts and once after it
     stopped, taking the mean as the machine's speed drifts; then two such loops at once, each on half the
     SRPMs, which bounds what two workers can do here with nothing else running;
  2. latency: builds submitted one at a time; per build, the time from upload accepted to
     `succeeded`, minus the time rpmbuild itself takes for such a package (the median of the
     loop by hand, same packages, same run) = Copr's own overhead;
  3. throughput: N builds submitted at once, from the first upload to the last build's ended_at
     (the API's clock); builds per minute, its ratio to the loop by hand, and the CPU seconds each
     part of the system used meanwhile.
Prints a report (and --json writes it). Usage: bench/journey.py [--n 100] [--latency-builds 20]
"""
import argparse
import base64
import concurrent.futures
import datetime
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
import uuid

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

SPEC = """Name: {name}
Version: 1.0
Release: 1
Summary: benchmark package {name}
License: MIT
BuildArch: noarch
AutoReq: no

%description
A tiny package for Copr's benchmark.

%build
printf '#!/bin/sh\\necho {name}\\n' > {name}

%install
install -D -m 0755 {name} %{{buildroot}}/usr/bin/{name}

%files
/usr/bin/{name}
"""


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def make_srpms(workdir, prefix, n):
    out = os.path.join(workdir, "srpms")
    os.makedirs(out, exist_ok=True)
    paths = []
    for i in range(n):
        name = f"{prefix}-{i:04d}"
        top = os.path.join(workdir, "top", name)
        os.makedirs(top)
        spec = os.path.join(top, name + ".spec")
        with open(spec, "w") as f:
            f.write(SPEC.format(name=name))
        subprocess.run(["rpmbuild", "-bs", "--define", f"_topdir {top}", "--define", f"_sourcedir {top}",
                        "--define", f"_srcrpmdir {out}", "--dbpath", os.path.join(workdir, "rpmdb"), spec],
                       check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        paths.append(os.path.join(out, f"{name}-1.0-1.src.rpm"))
    return paths


def by_hand(workdir, srpms, repo_name="hand-repo"):
    """The same work without Copr: build each SRPM and refresh one repository after each."""
    repo = os.path.join(workdir, repo_name)
    os.makedirs(repo)
    subprocess.run(["createrepo_c", "--quiet", repo], check=True)
    builds = []
    start = time.monotonic()
    for srpm in srpms:
        top = tempfile.mkdtemp(dir=workdir)
        t0 = time.monotonic()
        subprocess.run(["rpmbuild", "--rebuild", "--define", f"_topdir {top}", "--define", f"_rpmdir {repo}",
                        "--define", f"_tmppath {top}/tmp", "--dbpath", os.path.join(top, "rpmdb"), srpm],
                       check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        builds.append(time.monotonic() - t0)
        subprocess.run(["createrepo_c", "--quiet", "--update", "--no-database", repo], check=True)
        shutil.rmtree(top)
    total = time.monotonic() - start
    return total, builds


def two_loops_by_hand(workdir, srpms):
    """Two such loops at once, each on half the SRPMs: what two workers could do with no system
    around them. On a machine whose cores do not scale for rpmbuild's many short processes this
    is no faster than one loop, and it bounds what any two-worker system can reach."""
    halves = (srpms[0::2], srpms[1::2])
    with concurrent.futures.ThreadPoolExecutor(2) as pool:
        start = time.monotonic()
        for f in [pool.submit(by_hand, workdir, half, f"two-loops-{i}") for i, half in enumerate(halves)]:
            f.result()
        return time.monotonic() - start


class Api:
    def __init__(self, url, user, password):
        self.url = url
        self.auth = "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode()

    def call(self, method, path, body=None, content_type="application/json"):
        data = body if isinstance(body, (bytes, type(None))) else json.dumps(body).encode()
        req = urllib.request.Request(self.url + path, data=data, method=method)
        req.add_header("Authorization", self.auth)
        # A script, not a web page: api-service refuses form-shaped writes with a password otherwise.
        req.add_header("X-Copr-Client", "bench/journey")
        if data is not None:
            req.add_header("Content-Type", content_type)
        try:
            with urllib.request.urlopen(req, timeout=60) as r:
                raw = r.read()
                return json.loads(raw) if raw and r.headers.get_content_type() == "application/json" else raw
        except urllib.error.HTTPError as e:
            raise SystemExit(f"{method} {path}: {e.code} {e.read().decode(errors='replace')}")

    def upload(self, copr, srpm):
        boundary = uuid.uuid4().hex
        with open(srpm, "rb") as f:
            content = f.read()
        body = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"srpm\"; filename=\"{os.path.basename(srpm)}\"\r\n"
                f"Content-Type: application/x-rpm\r\n\r\n").encode() + content + f"\r\n--{boundary}--\r\n".encode()
        answer = self.call("POST", f"/coprs/{copr}/packages", body, f"multipart/form-data; boundary={boundary}")
        return [b["id"] for b in answer["builds"]]

    def builds(self, copr):
        items, offset = [], 0
        while True:
            page = self.call("GET", f"/coprs/{copr}/builds?limit=500&offset={offset}")
            items += page["items"]
            offset += len(page["items"])
            if offset >= page["total"] or not page["items"]:
                return items


def wait_all(api, copr, ids, accepted, seen, poll=0.05):
    """Polls until every build ended; records the first time each was seen succeeded."""
    ended = {"succeeded", "failed", "canceled"}
    states = {}
    while any(states.get(i) not in ended for i in ids):
        now = time.monotonic()
        for b in api.builds(copr):
            if b["id"] in accepted:
                states[b["id"]] = b["state"]
                if b["state"] in ended and b["id"] not in seen:
                    seen[b["id"]] = (now, b)
        time.sleep(poll)
    failed = [i for i in ids if states[i] != "succeeded"]
    if failed:
        raise SystemExit(f"builds did not succeed: {failed}")


def ended_at(build):
    """When the build's packages were published: the API's own clock, on this machine."""
    return datetime.datetime.fromisoformat(build["ended_at"].replace("Z", "+00:00")).timestamp()


def cpu_snapshot(stack_dir):
    """CPU seconds so far: the machine's busy time, each service's JVM and the processes it ran
    (rpmbuild, createrepo_c: reaped children), the broker, and PostgreSQL's processes."""
    tick = os.sysconf("SC_CLK_TCK")

    def stat(pid):
        try:
            with open(f"/proc/{pid}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
            return fields
        except (OSError, IndexError):
            return None

    snap = {}
    with open("/proc/stat") as f:
        cpu = [int(x) for x in f.readline().split()[1:]]
    snap["machine busy"] = (sum(cpu) - cpu[3] - cpu[4]) / tick
    pidfiles = {os.path.basename(p)[:-4]: os.path.join(stack_dir, "run", p)
                for p in os.listdir(os.path.join(stack_dir, "run")) if p.endswith(".pid")}
    pidfiles["kafka"] = os.path.join(stack_dir, "kafka", "kafka.pid")
    for name, path in sorted(pidfiles.items()):
        try:
            with open(path) as f:
                fields = stat(f.read().strip())
        except OSError:
            fields = None
        if fields:
            snap[name] = (int(fields[11]) + int(fields[12])) / tick
            snap[name + " children"] = (int(fields[13]) + int(fields[14])) / tick
    postgres = 0
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            with open(f"/proc/{pid}/comm") as f:
                if f.read().strip() != "postgres":
                    continue
        except OSError:
            continue
        fields = stat(pid)
        if fields:
            postgres += int(fields[11]) + int(fields[12])
    snap["postgres"] = postgres / tick
    return snap


def pct(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=int(os.environ.get("COPR_BENCH_N", "100")), help="builds in the throughput run")
    ap.add_argument("--latency-builds", type=int, default=20, help="builds submitted one at a time")
    ap.add_argument("--slots", type=int, default=2, help="builds at once per build-worker (two workers)")
    ap.add_argument("--json", help="also write the figures to this file")
    args = ap.parse_args()

    workdir = tempfile.mkdtemp(prefix="copr-bench-")
    stack_dir = os.path.join(workdir, "stack")
    password = uuid.uuid4().hex
    env = dict(os.environ, COPR_STACK_DIR=stack_dir, COPR_API_PORT=str(free_port()), COPR_SCHEDULER_PORT=str(free_port()),
               COPR_WORKER_PORT=str(free_port()), COPR_REPO_PORT=str(free_port()), COPR_KAFKA_PORT=str(free_port()),
               COPR_KAFKA_CONTROLLER_PORT=str(free_port()), COPR_API_DB="copr_bench_api", COPR_SCHEDULER_DB="copr_bench_scheduler",
               COPR_ADMIN_PASSWORD=password, COPR_WORKERS_PER_ARCH="2", COPR_WORKER_SLOTS=str(args.slots), COPR_WORKER_BACKEND="sandbox")
    for db in ("copr_bench_api", "copr_bench_scheduler"):
        subprocess.run(["psql", "-h", "127.0.0.1", "-U", "postgres", "-qc", f"DROP DATABASE IF EXISTS {db} WITH (FORCE)"], check=True)

    print(f"making {args.n + args.latency_builds} SRPMs in {workdir} ...", flush=True)
    lat_srpms = make_srpms(os.path.join(workdir, "lat"), "bench-lat", args.latency_builds)
    srpms = make_srpms(os.path.join(workdir, "thr"), "bench-thr", args.n)

    print("by hand: rpmbuild + createrepo_c --update in a loop ...", flush=True)
    before = os.times()
    hand_total, hand_builds = by_hand(workdir, srpms)
    after = os.times()
    hand_cpu = after.children_user + after.children_system - before.children_user - before.children_system
    rpmbuild_median = statistics.median(hand_builds)
    print("by hand, two loops at once ...", flush=True)
    two_loops_total = two_loops_by_hand(workdir, srpms)

    print("starting the stack (two build-workers) ...", flush=True)
    subprocess.run([os.path.join(ROOT, "dev/stack"), "up"], env=env, check=True, stdout=subprocess.DEVNULL)
    try:
        api = Api(f"http://127.0.0.1:{env['COPR_API_PORT']}", "admin", password)
        copr = f"bench-{int(time.time())}"
        api.call("POST", "/coprs", {"name": copr, "description": "benchmark", "releases": ["fedora-40"], "arches": ["x86_64"]})

        print(f"latency: {args.latency_builds} builds one at a time ...", flush=True)
        overheads, totals = [], []
        for srpm in lat_srpms:
            accepted, seen = {}, {}
            ids = api.upload(copr, srpm)
            t_accepted = time.monotonic()
            for i in ids:
                accepted[i] = t_accepted
            wait_all(api, copr, ids, accepted, seen)
            for i in ids:
                t_done, _ = seen[i]
                totals.append(t_done - accepted[i])
                overheads.append(t_done - accepted[i] - rpmbuild_median)

        print(f"throughput: {args.n} builds at once ...", flush=True)
        accepted, seen = {}, {}
        cpu_before = cpu_snapshot(stack_dir)
        t0 = time.time()
        ids = []
        for srpm in srpms:
            new = api.upload(copr, srpm)
            for i in new:
                accepted[i] = t0
            ids += new
        # Polled like `copr watch` does; the end is the API's ended_at, so the poll interval
        # neither loads the API nor blurs the figure.
        wait_all(api, copr, ids, accepted, seen, poll=1.0)
        system_total = max(ended_at(b) for _, b in seen.values()) - t0
        cpu_after = cpu_snapshot(stack_dir)
    finally:
        subprocess.run([os.path.join(ROOT, "dev/stack"), "down"], env=env, stdout=subprocess.DEVNULL)

    # The machine's speed drifts (other tenants): the loop by hand again, after, and the mean of both.
    print("by hand again, after the stack stopped ...", flush=True)
    hand_after, _ = by_hand(workdir, srpms, "hand-repo-after")
    hand_before = hand_total
    hand_total = (hand_before + hand_after) / 2
    hand_rate = len(srpms) / hand_total * 60
    system_rate = len(ids) / system_total * 60
    report = {
        "machine": f"{os.uname().sysname} {os.uname().machine}, {os.cpu_count()} cores",
        "n": args.n,
        "latency_builds": args.latency_builds,
        "workers_x_slots": f"2 x {args.slots}",
        "rpmbuild_median_s": round(rpmbuild_median, 3),
        "upload_to_succeeded_p50_s": round(pct(totals, 50), 3),
        "overhead_p50_s": round(pct(overheads, 50), 3),
        "overhead_p95_s": round(pct(overheads, 95), 3),
        "throughput_builds_per_min": round(system_rate, 1),
        "by_hand_builds_per_min": round(hand_rate, 1),
        "by_hand_before_after": f"{len(srpms) / hand_before * 60:.1f} / {len(srpms) / hand_after * 60:.1f}",
        "throughput_ratio": round(system_rate / hand_rate, 2),
        "two_loops_by_hand_builds_per_min": round(len(srpms) / two_loops_total * 60, 1),
        "two_loops_ratio": round(hand_before / two_loops_total, 2),
        "by_hand_cpu_s": round(hand_cpu, 1),
        "by_hand_wall_s": round(hand_before, 1),
        "throughput_wall_s": round(system_total, 1),
    }
    report["throughput_cpu_s"] = {k: round(cpu_after[k] - cpu_before.get(k, 0), 1) for k in cpu_after}
    for k, v in report.items():
        if isinstance(v, dict):
            print(f"{k}:")
            for name, seconds in v.items():
                print(f"  {name:34} {seconds}")
        else:
            print(f"{k:28} {v}")
    if args.json:
        with open(args.json, "w") as f:
            json.dump(report, f, indent=2)
    shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
