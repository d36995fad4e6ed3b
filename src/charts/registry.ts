// The charts an editor can place with `::chart{name="…"}`.
import { casualtyEvolution } from './casualty-evolution.ts';
import type { ChartDefinition } from './chart.ts';
import { reactions } from './reactions.ts';
import { timeline } from './timeline.ts';
import { whoSaysWhat } from './who-says-what.ts';

export const CHARTS: ReadonlyMap<string, ChartDefinition> = new Map(
  [casualtyEvolution, whoSaysWhat, reactions, timeline].map((chart) => [chart.name, chart]),
);
