// The charts an editor can place with `::chart{name="…"}`.
import { casualtyEvolution } from './casualty-evolution.ts';
import type { ChartDefinition } from './chart.ts';

export const CHARTS: ReadonlyMap<string, ChartDefinition> = new Map([casualtyEvolution].map((chart) => [chart.name, chart]));
