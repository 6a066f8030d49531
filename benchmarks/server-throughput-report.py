#!/usr/bin/env python3
"""Summarises a run of benchmarks/server-throughput.sh.

usage: server-throughput-report.py META_JSON RAW_JSONL OUT_PREFIX

Reads the run's settings (META_JSON) and one JSON line per wrk run (RAW_JSONL), writes OUT_PREFIX.json and
OUT_PREFIX.md, prints the summary and both paths. Exit status 1 if any wrk run (warm-up included) counted
a socket error or an answer with status >= 400: such a run is invalid.
"""
import json
import statistics
import sys

WORKLOADS = {
    "count": "POST /v1/datasets/{id}/queries (count, admin token)",
    "log": "GET /v1/transparency/log?limit=10",
    "health": "GET /health",
}
BUILDS = ("baseline", "candidate")
ERROR_KEYS = ("connect_errors", "read_errors", "write_errors", "status_errors", "timeouts")
MAX_DROP = 0.10  # issue #13: no drop beyond 10%
CONTENDED = 0.10  # a measured run in which other processes used more than this share of the CPU


def rate(run):
    return run["wrk"]["requests"] / (run["wrk"]["duration_us"] / 1e6)


def combine(group):
    """One measured run from its slices: totals added, latency percentiles the median over slices."""
    first = group[0]
    if len(group) == 1:
        return first
    wrk = {k: sum(r["wrk"][k] for r in group) for k in first["wrk"]}
    for k in ("latency_p50_us", "latency_p99_us"):
        wrk[k] = statistics.median(r["wrk"][k] for r in group)
    wrk["latency_max_us"] = max(r["wrk"]["latency_max_us"] for r in group)
    cpu = {k: round(sum(r["cpu"][k] for r in group), 2) for k in first["cpu"]}
    combined = {k: first[k] for k in ("round", "build", "workload", "phase", "attempt", "startup_s")}
    return {**combined, "slices": len(group), "cpu": cpu, "wrk": wrk}


def slice_ratios(runs, workload):
    """Candidate/baseline rate of each pair of adjacent slices (SLICES > 1; empty otherwise)."""
    by_slice = {}
    for r in runs:
        if r["phase"] == "measured" and r["workload"] == workload and r["slice"] > 0 and r["attempt"] == 1:
            by_slice.setdefault((r["round"], r["slice"]), {})[r["build"]] = r
    if len(by_slice) <= len({k[0] for k in by_slice}):
        return []
    return [round(rate(p["candidate"]) / rate(p["baseline"]), 3) for _, p in sorted(by_slice.items()) if len(p) == 2]


def errors(run):
    return sum(run["wrk"][k] for k in ERROR_KEYS)


def main(meta_path, raw_path, out):
    with open(meta_path) as f:
        meta = json.load(f)
    with open(raw_path) as f:
        runs = [json.loads(line) for line in f if line.strip()]
    nproc = meta["machine"]["nproc"]
    total_errors = sum(errors(r) for r in runs)

    # CPU used by neither the server nor wrk during a measured run: other processes on the shared machine.
    def foreign(r):
        capacity = nproc * r["wrk"]["duration_us"] / 1e6
        other = (r["cpu"]["machine_busy_s"] - r["cpu"]["server_s"] - r["cpu"].get("idle_server_s", 0)
                 - r["cpu"]["wrk_s"])
        return max(0.0, other) / capacity

    # The slices of one attempt (SLICES > 1) add up to one measured run.
    slices = {}
    for r in runs:
        if r["phase"] == "measured":
            slices.setdefault((r["build"], r["round"], r["workload"], r["attempt"]), []).append(r)
    # Of the attempts at one measured run (SLICES = 1), keep the one least disturbed by other processes.
    attempts = {}
    for (b, rnd, w, _), group in slices.items():
        attempts.setdefault((b, rnd, w), []).append(combine(group))
    measured = []
    for group in attempts.values():
        kept = min(group, key=foreign)
        for r in group:
            r["kept"] = r is kept
        measured.append(kept)
    discarded = [r for g in attempts.values() for r in g if not r["kept"]]

    workloads = {}
    for w in WORKLOADS:
        entry = {"request": WORKLOADS[w]}
        per_round = {}
        for b in BUILDS:
            rs = sorted((r for r in measured if r["build"] == b and r["workload"] == w), key=lambda r: r["round"])
            rates = [round(rate(r), 1) for r in rs]
            median = statistics.median(rates)
            per_cpu = [round(r["wrk"]["requests"] / r["cpu"]["server_s"], 1) for r in rs]
            entry[b] = {
                "requests_per_s": rates,
                "median": round(median, 1),
                "min": min(rates),
                "max": max(rates),
                "spread": round((max(rates) - min(rates)) / median, 4),
                "latency_p50_ms_median": round(statistics.median(r["wrk"]["latency_p50_us"] for r in rs) / 1e3, 2),
                "latency_p99_ms_median": round(statistics.median(r["wrk"]["latency_p99_us"] for r in rs) / 1e3, 2),
                "errors": sum(errors(r) for r in runs if r["build"] == b and r["workload"] == w),
                "other_cpu_share": [round(foreign(r), 3) for r in rs],
                "attempts": [len(attempts[(b, r["round"], w)]) for r in rs],
                "requests_per_server_cpu_s": per_cpu,
                "requests_per_server_cpu_s_median": round(statistics.median(per_cpu), 1),
            }
            per_round[b] = rates
        # Each round measured both builds under the same conditions: the median of the per-round ratios
        # is the headline; the ratio of the two builds' medians pairs rounds that saw different load.
        paired = [c / b for b, c in zip(per_round["baseline"], per_round["candidate"])]
        paired_cpu = [c / b for b, c in zip(entry["baseline"]["requests_per_server_cpu_s"],
                                            entry["candidate"]["requests_per_server_cpu_s"])]
        entry["ratio"] = round(statistics.median(paired), 4)
        entry["round_ratios"] = [round(p, 4) for p in paired]
        entry["ratio_of_medians"] = round(entry["candidate"]["median"] / entry["baseline"]["median"], 4)
        entry["ratio_per_server_cpu_s"] = round(statistics.median(paired_cpu), 4)
        entry["slice_ratios"] = slice_ratios(runs, w)
        entry["within_10_percent"] = entry["ratio"] >= 1 - MAX_DROP
        workloads[w] = entry

    foreign_shares = [foreign(r) for r in measured]
    steal = sum(r["cpu"]["machine_steal_s"] for r in measured)
    cpu = {
        "foreign_share_median": round(statistics.median(foreign_shares), 4),
        "foreign_share_max": round(max(foreign_shares), 4),
        "steal_s_total": round(steal, 2),
        "contended_runs": sum(1 for x in foreign_shares if x > CONTENDED),
        "measured_runs": len(foreign_shares),
        "repeated_runs": sum(1 for g in attempts.values() if len(g) > 1),
        "note": "share of the machine's CPU time (nproc x duration) used by processes other than this run's "
                "servers and wrk during each measured run",
    }
    startup = {b: round(statistics.median(r["startup_s"] for r in measured if r["build"] == b
                                         and r["workload"] == "health"), 2) for b in BUILDS}
    result = {
        "benchmark": "server-throughput",
        "valid": total_errors == 0,
        "errors_total": total_errors,
        **meta,
        "startup_s_median": startup,
        "workloads": workloads,
        "cpu_contention": cpu,
        "measured": sorted(measured, key=lambda r: (r["round"], r["workload"], r["build"])),
        "discarded_attempts": discarded,
        "raw_runs": runs,
    }
    with open(out + ".json", "w") as f:
        f.write(to_json(result))
    summary = markdown(result)
    with open(out + ".md", "w") as f:
        f.write(summary)
    print()
    print(summary, end="")
    print(f"\nwritten: {out}.json\n         {out}.md")
    return 0 if result["valid"] else 1


def to_json(result):
    """Indented JSON, except that each run of the long lists takes one line."""
    runs = {k: result[k] for k in ("measured", "discarded_attempts", "raw_runs")}
    head = json.dumps({k: v for k, v in result.items() if k not in runs}, indent=1)
    tail = ",\n".join(f' "{k}": [\n' + ",\n".join("  " + json.dumps(r) for r in v) + "\n ]" for k, v in runs.items())
    return head[:-2] + ",\n" + tail + "\n}\n"


def markdown(r):
    s = r["settings"]
    m = r["machine"]
    lines = [
        "# pet server throughput: baseline vs candidate",
        "",
        f"- baseline: `{r['baseline']['label']}` (sha256 {r['baseline']['sha256'][:12]})",
        f"- candidate: `{r['candidate']['label']}` (sha256 {r['candidate']['sha256'][:12]})",
        f"- {r['rounds']} rounds from {r['started']} to {r['finished']}; a fresh server and embedded H2 data directory "
        f"per build and round; " + (
            "one build at a time (baseline, candidate, baseline, ...)" if s["slices"] == 1 else
            f"both builds up at once, each workload measured in {s['slices']} slices alternating B C C B ... "
            "(C B B C ... in even rounds)") +
        f"; per build, workload and round {s['warmup_s']} s warm-up (not counted) + {s['duration_s']} s measured; "
        f"{m['wrk']} with {s['wrk_threads']} threads, "
        f"{s['wrk_connections']} connections; dataset of {s['rows']} rows, log of {s['seed_queries'] + 1} entries "
        f"during the reads",
        f"- machine: {m['nproc']} cores ({m['cpu']}), {m['java']}, Linux {m['kernel']}; load average "
        f"{m['loadavg_before']} before, {m['loadavg_after']} after",
        f"- wrk runs on the same {m['nproc']} cores as the server and competes with it for CPU; both builds see the "
        "same conditions, so read the ratio, not the absolute rates (they are not the server's capacity)",
        f"- **{'valid' if r['valid'] else 'INVALID'}**: {r['errors_total']} socket errors or answers with status >= 400 "
        "(warm-ups included)",
        "",
        "| workload | baseline req/s: median (rounds) | candidate req/s: median (rounds) "
        "| **ratio** (rounds) | ratio of medians | ratio per server CPU-second | spread B / C |",
        "| --- | --- | --- | --- | --- | --- | --- |",
    ]
    for w, e in r["workloads"].items():
        b, c = e["baseline"], e["candidate"]
        lines.append(
            f"| {w}: {e['request']} | {b['median']:.0f} ({', '.join(f'{x:.0f}' for x in b['requests_per_s'])}) "
            f"| {c['median']:.0f} ({', '.join(f'{x:.0f}' for x in c['requests_per_s'])}) "
            f"| **{e['ratio']:.3f}** ({', '.join(f'{x:.3f}' for x in e['round_ratios'])}) "
            f"| {e['ratio_of_medians']:.3f} | {e['ratio_per_server_cpu_s']:.3f} "
            f"| {b['spread']:.0%} / {c['spread']:.0%} |")
    cpu = r["cpu_contention"]
    lines += [
        "",
        "Ratio: candidate/baseline requests/s, the median of the rounds' ratios (each round measured both builds "
        "under the same conditions). Ratio per server CPU-second: the same for requests per second of CPU time "
        "the server process used (less sensitive to other load, blind to waiting). Spread: (max - min) / median "
        "of a build's rounds. Median latency p50 / p99 (ms), baseline vs candidate: "
        + "; ".join(f"{w} {e['baseline']['latency_p50_ms_median']} / {e['baseline']['latency_p99_ms_median']} vs "
                    f"{e['candidate']['latency_p50_ms_median']} / {e['candidate']['latency_p99_ms_median']}"
                    for w, e in r["workloads"].items()) + ".",
        f"Other processes used {cpu['foreign_share_median']:.1%} of the machine's CPU in the median measured run "
        f"(at most {cpu['foreign_share_max']:.1%}; {cpu['contended_runs']} of {cpu['measured_runs']} measured runs "
        f"above {CONTENDED:.0%} after {cpu['repeated_runs']} repeated); steal time {cpu['steal_s_total']} s in all. "
        f"Start to first /health answer (median): baseline {r['startup_s_median']['baseline']} s, "
        f"candidate {r['startup_s_median']['candidate']} s.",
        "",
        "Candidate within 10% of the baseline (ratio >= 0.90): "
        + ", ".join(f"{w} {'yes' if e['within_10_percent'] else 'NO'}" for w, e in r["workloads"].items())
        + (f". The machine was busy (other processes above {CONTENDED:.0%} of the CPU in the median run): compare "
           "the ratios with an A/A run under similar load before reading a few percent into them."
           if cpu["foreign_share_median"] > CONTENDED else "."),
        "",
    ]
    return "\n".join(lines)


if __name__ == "__main__":
    if len(sys.argv) != 4:
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        sys.exit(2)
    sys.exit(main(*sys.argv[1:]))
