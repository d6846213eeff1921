// Scrapes a gateway's /metrics and reads it through a real parser of the Prometheus text format
// (prom2javascript: it refuses malformed lines and labels, and a histogram whose +Inf bucket is
// not its count), so an exposition Prometheus could not ingest fails the test. It also refuses
// two samples of one family with the same labels, which Prometheus would reject too.
// (parse-prometheus-text-format, the more common package, folds every series of a labelled
// histogram into one, so it cannot read these.) The format allows NaN, which prom2javascript does
// not read; prom-client writes it ("Nan") for event-loop gauges before their first sample, so
// such lines are checked on their own and left out of the parse.
const NAN_SAMPLE = /^[a-zA-Z_:][a-zA-Z0-9_:]*(?:\{.*\})? nan$/i;
import { getMetricsFromIterator, type PromHistogramData, type PromMetric } from 'prom2javascript';

type Sample = { labels: Record<string, string>; value?: number; count?: number; sum?: number };

export interface Scrape {
  /** The exposition as served, for checks over the whole text (no ids, no secrets). */
  text: string;
  family(name: string): PromMetric | undefined;
  /** Samples of a family whose labels include `labels`. */
  samples(name: string, labels?: Record<string, string>): Sample[];
  /** Sum of the values (counters, gauges) or counts (histograms) of the matching samples; 0 when none. */
  sum(name: string, labels?: Record<string, string>): number;
  /** Sum of the histogram sums of the matching samples. */
  total(name: string, labels?: Record<string, string>): number;
}

export async function scrape(baseUrl: string, headers: Record<string, string> = {}): Promise<Scrape> {
  const res = await fetch(`${baseUrl}/metrics`, { headers });
  if (res.status !== 200) throw new Error(`GET /metrics: ${res.status}`);
  const contentType = res.headers.get('content-type') ?? '';
  if (!contentType.startsWith('text/plain; version=0.0.4')) throw new Error(`GET /metrics: content-type ${contentType}`);
  const text = await res.text();
  const lines = text.split('\n').filter((line) => !NAN_SAMPLE.test(line));
  const families = await getMetricsFromIterator(lines[Symbol.iterator]());
  for (const [name, family] of Object.entries(families)) {
    const keys = (family.data as Sample[]).map((s) => JSON.stringify(Object.entries(s.labels).sort()));
    if (new Set(keys).size !== keys.length) throw new Error(`GET /metrics: ${name} has two samples with the same labels`);
  }
  const samples = (name: string, labels: Record<string, string> = {}): Sample[] =>
    ((families[name]?.data ?? []) as Sample[]).filter((s) => Object.entries(labels).every(([k, v]) => s.labels[k] === v));
  return {
    text,
    family: (name) => families[name],
    samples,
    sum: (name, labels) => samples(name, labels).reduce((n, s) => n + (s.value ?? (s as PromHistogramData).count ?? 0), 0),
    total: (name, labels) => samples(name, labels).reduce((n, s) => n + (s.sum ?? 0), 0),
  };
}
