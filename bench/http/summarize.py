"""Medians of wrk runs: req/s and p99 latency per endpoint, and ratios to the fixed-answer ceiling.
usage: summarize.py DIR   (DIR holds ENDPOINT-ROUND.txt wrk outputs)"""
import pathlib, re, statistics, sys

UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0}
runs = {}
for f in sorted(pathlib.Path(sys.argv[1]).glob("*-*.txt")):
    endpoint = f.stem.rsplit("-", 1)[0]
    text = f.read_text()
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))
    value, unit = re.search(r"^\s+99%\s+([\d.]+)(us|ms|s)\s*$", text, re.M).groups()
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
    runs.setdefault(endpoint, []).append((rps, float(value) * UNITS[unit], int(errors.group(1)) if errors else 0))

ceiling = statistics.median(r[0] for r in runs["fixed"])
print(f"{'endpoint':<22}{'rounds':>7}{'req/s (median)':>16}{'p99 ms (median)':>17}{'ratio to fixed':>16}{'non-2xx':>9}")
for endpoint, rs in runs.items():
    rps = statistics.median(r[0] for r in rs)
    p99 = statistics.median(r[1] for r in rs)
    print(f"{endpoint:<22}{len(rs):>7}{rps:>16.0f}{p99:>17.2f}{rps / ceiling:>16.2f}{sum(r[2] for r in rs):>9}")
    print(f"{'':<22}{'':>7}  rounds: " + ", ".join(f"{r[0]:.0f} req/s {r[1]:.2f} ms" for r in rs))
