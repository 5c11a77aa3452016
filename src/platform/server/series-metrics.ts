import type { Registry } from 'prom-client';

/**
 * Labelled counters, gauges and histograms for the per-request path, exposed through a prom-client registry in its
 * text format. prom-client's own `inc(labels)` / `observe(labels, v)` validate the label object and build its hash
 * on every call (a handful of times per request); here a series is found by one Map lookup on its label values,
 * and the labels objects are built once per series. Read by the registry through `get()`, like prom-client's.
 */
interface Series {
  labels: Record<string, string>;
}

abstract class SeriesMetric<S extends Series> {
  protected readonly series = new Map<string, S>();

  constructor(
    readonly name: string,
    readonly help: string,
    private readonly labelNames: readonly string[],
    registry: Registry,
  ) {
    registry.registerMetric(this as never);
  }

  /** The series of these label values (in `labelNames` order), created on first use. */
  of(...values: string[]): S {
    const key = values.join('\u0000');
    let found = this.series.get(key);
    if (!found) {
      const labels: Record<string, string> = {};
      this.labelNames.forEach((name, index) => (labels[name] = values[index]));
      found = this.create(labels);
      this.series.set(key, found);
    }
    return found;
  }

  reset(): void {
    this.series.clear();
  }

  protected abstract create(labels: Record<string, string>): S;
}

interface ValueSeries extends Series {
  value: number;
}

/** A counter (`type`: counter) or gauge whose series' `value` callers change directly. */
export class ValueMetric extends SeriesMetric<ValueSeries> {
  constructor(
    readonly type: 'counter' | 'gauge',
    name: string,
    help: string,
    labelNames: readonly string[],
    registry: Registry,
  ) {
    super(name, help, labelNames, registry);
  }

  get aggregator(): string {
    return 'sum';
  }

  protected create(labels: Record<string, string>): ValueSeries {
    return { labels, value: 0 };
  }

  async get() {
    const values = [...this.series.values()].map(({ labels, value }) => ({ labels, value }));
    return { name: this.name, help: this.help, type: this.type, values, aggregator: this.aggregator };
  }
}

interface HistogramSeries extends Series {
  /** Observations per bucket (not cumulative); the last one is +Inf. */
  counts: number[];
  sum: number;
  count: number;
}

/** A histogram with prom-client's exposition (cumulative `_bucket` with `le`, `_sum`, `_count`). */
export class SeriesHistogram extends SeriesMetric<HistogramSeries> {
  readonly type = 'histogram';
  readonly aggregator = 'sum';

  constructor(name: string, help: string, labelNames: readonly string[], private readonly upperBounds: readonly number[], registry: Registry) {
    super(name, help, labelNames, registry);
  }

  observe(series: HistogramSeries, value: number): void {
    let bucket = 0;
    while (bucket < this.upperBounds.length && value > this.upperBounds[bucket]) bucket += 1;
    series.counts[bucket] += 1;
    series.sum += value;
    series.count += 1;
  }

  protected create(labels: Record<string, string>): HistogramSeries {
    return { labels, counts: new Array<number>(this.upperBounds.length + 1).fill(0), sum: 0, count: 0 };
  }

  async get() {
    const values: { labels: Record<string, string | number>; sharedLabels: Record<string, string>; value: number; metricName: string }[] = [];
    for (const { labels, counts, sum, count } of this.series.values()) {
      let cumulative = 0;
      this.upperBounds.forEach((le, index) => {
        cumulative += counts[index];
        values.push({ labels: { le }, sharedLabels: labels, value: cumulative, metricName: `${this.name}_bucket` });
      });
      values.push({ labels: { le: '+Inf' }, sharedLabels: labels, value: count, metricName: `${this.name}_bucket` });
      values.push({ labels: {}, sharedLabels: labels, value: sum, metricName: `${this.name}_sum` });
      values.push({ labels: {}, sharedLabels: labels, value: count, metricName: `${this.name}_count` });
    }
    return { name: this.name, help: this.help, type: this.type, values, aggregator: this.aggregator };
  }
}
