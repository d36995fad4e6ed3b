// d3 ships no types of its own; cells use it untyped, as JavaScript.
declare module 'd3' {
  const d3: Record<string, unknown>;
  export = d3;
}
