// The chart registry wrapped in a cache: a chart is drawn again only when its
// name, its options or the data changed. Rendering is most of a page build,
// so a narrative edit that leaves the data alone redraws nothing.
import type { ChartData, ChartDefinition, ChartOptions, ChartOutput } from '../charts/chart.ts';

export interface ChartCacheStats {
  rendered: number;
  cached: number;
}

export class ChartCache {
  #entries = new Map<string, ChartOutput>();
  #version = -1;
  #stats: ChartCacheStats = { rendered: 0, cached: 0 };
  readonly charts: ReadonlyMap<string, ChartDefinition>;

  /** `dataVersion` must change whenever the data given to the charts does. */
  constructor(
    registry: ReadonlyMap<string, ChartDefinition>,
    private readonly dataVersion: () => number,
  ) {
    this.charts = new Map(
      [...registry].map(([name, chart]) => [
        name,
        {
          ...chart,
          render: (data: ChartData, options: ChartOptions, document: Document) =>
            this.#render(chart, data, options, document),
        },
      ]),
    );
  }

  /** Counts since the last call: what the last build drew and what it reused. */
  takeStats(): ChartCacheStats {
    const stats = this.#stats;
    this.#stats = { rendered: 0, cached: 0 };
    return stats;
  }

  #render(chart: ChartDefinition, data: ChartData, options: ChartOptions, document: Document): ChartOutput {
    const version = this.dataVersion();
    if (version !== this.#version) {
      // Renders of older data can never be asked for again.
      this.#entries.clear();
      this.#version = version;
    }
    const key = `${chart.name}\u0000${stableJson(options)}`;
    const hit = this.#entries.get(key);
    if (hit) {
      this.#stats.cached++;
      return hit;
    }
    const output = chart.render(data, options, document);
    this.#entries.set(key, output);
    this.#stats.rendered++;
    return output;
  }
}

function stableJson(value: object): string {
  return JSON.stringify(Object.fromEntries(Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))));
}
